package io.toothcomb.loader;

/**
 * How much a load builds, chosen by its caller. Every syntax error, and so every acknowledgment, is found in each
 * mode; the modes differ in what the {@link LoadHandler} is handed besides.
 */
public enum LoadMode {
    /**
     * The acknowledgments alone: no loop marks and no claims are made, and {@link LoadHandler#segment} and
     * {@link LoadHandler#claim} are never called (the 999 pass of a scrub, which reads the whole file only for them).
     */
    CHECK,
    /**
     * The segments outside claims with their loop marks ({@link LoadHandler#segment}); no claim is built and the
     * segments inside claims are not handed on.
     */
    SEGMENTS,
    /** Everything: the segments outside claims, and each claim built into the model ({@link LoadHandler#claim}). */
    CLAIMS;

    /** True when claims are built into the model. */
    boolean builds() {
        return this == CLAIMS;
    }

    /** True when loop marks are made (for segments or claims). */
    boolean marksLoops() {
        return this != CHECK;
    }
}
