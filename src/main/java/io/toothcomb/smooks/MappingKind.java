package io.toothcomb.smooks;

/**
 * The X12 transactions toothcomb ships a DFDL mapping for. Each lives in {@code mappings/<directory>/} next to a
 * ready-to-use Smooks config; all of them import {@code mappings/common/x12-common.dfdl.xsd}.
 */
public enum MappingKind {
    /** 837D Health Care Claim: Dental, 005010X224A2 (lenient: unknown segments land in a generic Segment). */
    CLAIM_837D("837d", "x12-837d.dfdl.xsd", "smooks-837d.xml"),
    /** 277CA Claim Acknowledgment, 005010X214 (strict: validates what toothcomb writes). */
    ACK_277CA("277ca", "x12-277ca.dfdl.xsd", "smooks-277ca.xml"),
    /** 999 Implementation Acknowledgment, 005010X231A1 (strict). */
    ACK_999("999", "x12-999.dfdl.xsd", "smooks-999.xml");

    /** The schema every mapping imports, relative to the mappings directory. */
    public static final String COMMON_SCHEMA = "common/x12-common.dfdl.xsd";

    private final String directory;
    private final String schemaFile;
    private final String configFile;

    MappingKind(String directory, String schemaFile, String configFile) {
        this.directory = directory;
        this.schemaFile = schemaFile;
        this.configFile = configFile;
    }

    /** Folder under {@code mappings/}. */
    public String directory() {
        return directory;
    }

    /** DFDL schema path relative to the mappings directory, e.g. {@code 837d/x12-837d.dfdl.xsd}. */
    public String schemaPath() {
        return directory + "/" + schemaFile;
    }

    /** Smooks config path relative to the mappings directory, e.g. {@code 837d/smooks-837d.xml}. */
    public String configPath() {
        return directory + "/" + configFile;
    }
}
