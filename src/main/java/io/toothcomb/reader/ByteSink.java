package io.toothcomb.reader;

/**
 * Where {@link Segment#copyElementTo} and {@link Segment#copyTo} put bytes, so writers can copy values without
 * making Strings.
 */
public interface ByteSink {
    void write(byte[] bytes, int offset, int length);
}
