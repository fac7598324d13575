package io.toothcomb.result;

import java.util.EnumSet;

/** The files toothcomb writes for an input file NAME. */
public enum Output {
    ACK_999(".999", true),
    ACK_277(".277", true),
    FINDINGS_JSON(".findings.json", true),
    /** The annotated XML, one element per segment with the segment's text in an attribute. */
    ANNOTATED_XML(".annotated.xml", true),
    /**
     * The annotated XML with every X12 element as an XML element: about six times the input, so only on request
     * ({@code --outputs xml-elements}).
     */
    ANNOTATED_XML_ELEMENTS(".elements.xml", false),
    LISTING(".annotated.txt", true),
    /** The batch report a billing office opens in a browser; with {@code --outputs all} or by name, and in the watcher. */
    REPORT_HTML(".report.html", false),
    /**
     * The accepted claims as an 837D to forward, with the loops they hang from and our own envelope; not written
     * when no claim is accepted.
     */
    ACCEPTED_837(".accepted.837", false),
    /** The rejected claims (of the sets the 999 takes) as an 837D; not written when there are none. */
    REJECTED_837(".rejected.837", false);

    private final String suffix;
    private final boolean byDefault;

    Output(String suffix, boolean byDefault) {
        this.suffix = suffix;
        this.byDefault = byDefault;
    }

    public String suffix() {
        return suffix;
    }

    /** The outputs written when none are named: every kind but {@link #ANNOTATED_XML_ELEMENTS}. */
    public static EnumSet<Output> defaults() {
        EnumSet<Output> set = EnumSet.noneOf(Output.class);
        for (Output o : values()) {
            if (o.byDefault) {
                set.add(o);
            }
        }
        return set;
    }

    /** Every kind ({@code --outputs all}). */
    public static EnumSet<Output> all() {
        return EnumSet.allOf(Output.class);
    }

    /** What the watcher writes: the defaults, the HTML report and the accepted and rejected 837s. */
    public static EnumSet<Output> watcher() {
        EnumSet<Output> set = defaults();
        set.add(REPORT_HTML);
        set.add(ACCEPTED_837);
        set.add(REJECTED_837);
        return set;
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
