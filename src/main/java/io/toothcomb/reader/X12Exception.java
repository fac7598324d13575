package io.toothcomb.reader;

/**
 * A file that cannot be tokenized at all (no ISA header, a segment longer than any real one).
 * The message names the file, the segment ordinal and the byte offset; it never carries segment content.
 */
public class X12Exception extends Exception {
    private final String source;
    private final int segmentOrdinal;
    private final long byteOffset;

    public X12Exception(String source, int segmentOrdinal, long byteOffset, String message) {
        super(source + ": segment " + segmentOrdinal + " (byte " + byteOffset + "): " + message);
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

    public long byteOffset() {
        return byteOffset;
    }
}
