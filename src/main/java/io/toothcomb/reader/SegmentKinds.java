package io.toothcomb.reader;

import java.util.Map;

/**
 * Segment ids as small numbers, for a switch on a number instead of on the id's text (which hashes, searches
 * and compares for every segment of a file). The envelope ids have fixed numbers here; a caller adds the ids it
 * cares about, numbered from {@link #FIRST_FREE}; every other id is {@link #OTHER}. Looked up by
 * {@link Segment#idKey()} and remembered on first sight. Not thread-safe: one per reader of segments.
 */
public final class SegmentKinds {
    public static final int OTHER = 1;
    public static final int ISA = 2;
    public static final int GS = 3;
    public static final int ST = 4;
    public static final int SE = 5;
    public static final int GE = 6;
    public static final int IEA = 7;
    /** The first number a caller may give its own ids. */
    public static final int FIRST_FREE = 8;

    private static final Map<String, Integer> ENVELOPE =
            Map.of("ISA", ISA, "GS", GS, "ST", ST, "SE", SE, "GE", GE, "IEA", IEA);

    private final Map<String, Integer> extra;
    private final byte[] kinds = new byte[Segment.ID_KEYS];

    /** @param extra more ids and their numbers, from {@link #FIRST_FREE} to 127 */
    public SegmentKinds(Map<String, Integer> extra) {
        extra.forEach((id, k) -> {
            if (k < FIRST_FREE || k > Byte.MAX_VALUE || ENVELOPE.containsKey(id)) {
                throw new IllegalArgumentException("segment kind " + id + "=" + k + " is taken or out of range");
            }
        });
        this.extra = Map.copyOf(extra);
    }

    /** The number of the segment's id. */
    public int kind(Segment s) {
        int key = s.idKey();
        if (key < 0) {
            return classify(s.id());
        }
        byte k = kinds[key];
        if (k == 0) {
            k = (byte) classify(s.id());
            kinds[key] = k;
        }
        return k;
    }

    private int classify(String id) {
        Integer k = ENVELOPE.get(id);
        if (k == null) {
            k = extra.get(id);
        }
        return k == null ? OTHER : k;
    }
}
