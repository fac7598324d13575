package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code toothcomb codes}, {@code --codes FILE} and code files in the packs folder. */
class CodesCliTest {
    private static final String HEADER = "# source MY1: our payer's 2026 fee schedule, Example Dental Plan, 2026\n"
            + "code\tfrom\tto\ttooth\tper_tooth\tdentition\tsurfaces\tarea\tclass\tquantity\tflags\treplacement\t"
            + "label\tsource\n";
    @TempDir
    Path tmp;
    @RegisterExtension
    final ConsoleCapture capture = new ConsoleCapture();

    @Test
    void tellsWhatToothcombKnowsAboutACodeOnADate() {
        assertEquals(Main.OK, Main.run("codes", "D4341", "--date", "2026-03-10"));
        String out = capture.out();
        assertTrue(out.startsWith("D4341 on 2026-03-10: in force since before 2018-01-01"), out);
        assertTrue(out.contains("area:       a quadrant in SV304: 10 upper right"), out);
        assertTrue(out.contains("quantity:   one per line"), out);
        assertTrue(out.contains("P4: Oral cavity designation codes table"), out);
    }

    @Test
    void aDeletedCodeNamesItsReplacementAndExitsOne() {
        assertEquals(Main.CLAIMS_REJECTED, Main.run("codes", "D1352", "--date", "2026-03-10"));
        assertTrue(capture.out().contains("NOT in force. Deleted after 2025-12-31; report D2391"), capture.out());
        assertEquals(Main.OK, Main.run("codes", "d1352", "--date", "2025-12-31"));
    }

    @Test
    void json() {
        assertEquals(Main.OK, Main.run("codes", "D5110", "--date", "2026-03-10", "--json"));
        String out = capture.out();
        assertTrue(out.startsWith("{\"code\":\"D5110\",\"date\":\"2026-03-10\",\"status\":\"in force\",\"rows\":["), out);
        assertTrue(out.contains("\"area\":\"upper\"") && out.contains("\"id\":\"X224-SV304\""), out);
    }

    @Test
    void aCodesFileAddsACodeAndScrubUsesIt() throws Exception {
        Path f = tmp.resolve("ortho.codes");
        Files.writeString(f, HEADER + "D8085\t-\t\tnone\tn\tany\t0\tnone\tany\tone\t\t\tcomprehensive orthodontics, "
                + "adolescent\tMY1\n");
        assertEquals(Main.CLAIMS_REJECTED, Main.run("codes", "D8085", "--date", "2026-03-10"));
        assertTrue(capture.out().contains("not in toothcomb's code set"), capture.out());
        assertEquals(Main.OK, Main.run("codes", "D8085", "--date", "2026-03-10", "--codes", f.toString()));
        assertTrue(capture.out().contains("MY1: our payer's 2026 fee schedule"), capture.out());
        // the same file in a packs folder, and a claim with the code: no CODE-UNKNOWN warning any more
        Path packs = Files.createDirectory(tmp.resolve("packs"));
        Files.copy(f, packs.resolve("ortho.codes"));
        assertCodeKnownOnlyWith("--packs", packs.toString());
    }

    /** {@code codes=} in the configuration file: a folder of code files, taken from the file's folder. */
    @Test
    void theConfigurationsCodesKeyAddsACodeAsCodesDoes() throws Exception {
        Path conf = Files.createDirectory(tmp.resolve("conf"));
        Path folder = Files.createDirectory(conf.resolve("our-codes"));
        Files.writeString(folder.resolve("ortho.codes"), HEADER + "D8085\t-\t\tnone\tn\tany\t0\tnone\tany\tone\t\t\t"
                + "comprehensive orthodontics, adolescent\tMY1\n");
        Path config = conf.resolve("toothcomb.properties");
        Files.writeString(config, "codes = our-codes\n");
        Path claim = assertCodeKnownOnlyWith("--config", config.toString());
        // an entry that does not exist is a usage error naming the file and the key, before anything is scrubbed
        Files.writeString(config, "codes = our-codes, missing.codes\n");
        assertEquals(Main.USAGE, Main.run("scrub", claim.toString(), "--out", tmp.resolve("o").toString(), "--config",
                config.toString()));
        assertTrue(capture.err().contains(config + ": key 'codes': " + conf.resolve("missing.codes")
                + " does not exist"), capture.err());
        assertFalse(Files.exists(tmp.resolve("o").resolve("ortho.999")), "nothing scrubbed");
    }

    @Test
    void aBrokenRowIsAUsageErrorNamingFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.codes");
        Files.writeString(f, HEADER + "D8085\t-\t\tnone\tn\tany\t0\tnone\tany\tone\t\t\tortho\tMY1\n"
                + "D5214\t-\t\tnone\tn\tany\t0\tlowr\tany\tone\t\t\tpartial denture\tMY1\n");
        assertEquals(Main.USAGE, Main.run("scrub", "edi-samples/dependents.edi", "--out", tmp.resolve("o").toString(),
                "--codes", f.toString()));
        assertTrue(capture.err().contains(f + ":4: column area 'lowr' must be one of"), capture.err());
        assertFalse(capture.err().contains("\tat "), capture.err());
        assertFalse(Files.exists(tmp.resolve("o").resolve("dependents.999")), "nothing scrubbed");
        Files.writeString(f, HEADER + "D8085\t-\t\tnone\tn\tany\t0\tnone\tany\tone\t\t\tortho\tMY2\n");
        assertEquals(Main.USAGE, Main.run("codes", "D8085", "--codes", f.toString()));
        assertTrue(capture.err().contains(f + ":3: source 'MY2' is not defined"), capture.err());
    }

    @Test
    void aBrokenPackParameterIsAUsageErrorNamingFileAndLine() throws Exception {
        Path packs = Files.createDirectory(tmp.resolve("packs"));
        Files.writeString(packs.resolve("tx.pack"), "pack tx\nextends medicaid\nmatch payer=TX1\n"
                + "rule PATIENT-AGE max=twenty codez=D1354\n");
        assertEquals(Main.USAGE, Main.run("scrub", "edi-samples/dependents.edi", "--out", tmp.resolve("o").toString(),
                "--packs", packs.toString()));
        assertTrue(capture.err().contains("tx.pack:4: rule PATIENT-AGE: max=twenty is not a whole number"),
                capture.err());
    }

    /**
     * A claim billing D8085 (not in the bundled set) is scrubbed without and with {@code option value}: without,
     * CODE-UNKNOWN fires; with, it does not. Returns the claim file.
     */
    private Path assertCodeKnownOnlyWith(String option, String value) throws Exception {
        Path claim = tmp.resolve("ortho.edi");
        String sample = Files.readString(Path.of("edi-samples/dependents.edi"));
        Files.writeString(claim, sample.replaceFirst("SV3\\*AD:D\\d{4}", "SV3*AD:D8085"));
        Path without = tmp.resolve("without");
        Path with = tmp.resolve("with");
        Main.run("scrub", claim.toString(), "--out", without.toString());
        Main.run("scrub", claim.toString(), "--out", with.toString(), option, value);
        assertTrue(Files.readString(without.resolve("ortho.findings.json")).contains("\"rule\":\"CODE-UNKNOWN\""));
        assertFalse(Files.readString(with.resolve("ortho.findings.json")).contains("\"rule\":\"CODE-UNKNOWN\""));
        return claim;
    }
}
