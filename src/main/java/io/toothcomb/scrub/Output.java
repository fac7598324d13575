package io.toothcomb.scrub;

/** The files toothcomb writes for an input file NAME. */
public enum Output {
    ACK_999(".999"),
    ACK_277(".277"),
    FINDINGS_JSON(".findings.json"),
    ANNOTATED_XML(".annotated.xml"),
    LISTING(".annotated.txt");

    private final String suffix;

    Output(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** Output file name for an input file name: the input's extension (.edi, .x12, .837, .txt, .dat) is dropped. */
    public String fileName(String inputName) {
        return baseName(inputName) + suffix;
    }

    public static String baseName(String inputName) {
        String lower = inputName.toLowerCase(java.util.Locale.ROOT);
        for (String ext : new String[] {".edi", ".x12", ".837", ".txt", ".dat"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return inputName.substring(0, inputName.length() - ext.length());
            }
        }
        return inputName;
    }
}
