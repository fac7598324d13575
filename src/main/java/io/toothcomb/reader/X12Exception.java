package io.toothcomb.reader;

/**
 * A file that cannot be tokenized at all (no ISA header, a segment longer than any real one).
 * The message names the file, the segment ordinal and the byte offset; it never carries segment content.
 */
public class X12Exception extends Exception {
    private final String source;
    private final int segmentOrdinal;
    private final long byteOffset;
    private final String reason;

    public X12Exception(String source, int segmentOrdinal, long byteOffset, String message) {
        super(source + ": segment " + segmentOrdinal + " (byte " + byteOffset + "): " + message);
        this.reason = message;
        this.source = source;
        this.segmentOrdinal = segmentOrdinal;
        this.byteOffset = byteOffset;
    }

    public String source() {
        return source;
    }

    public int segmentOrdinal() {
        return segmentOrdinal;
    }

    /** What is wrong, without the file, segment and byte the full message starts with. */
    public String reason() {
        return reason;
    }

    public long byteOffset() {
        return byteOffset;
    }
}
