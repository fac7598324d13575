package io.toothcomb.loader;

import io.toothcomb.guide.GuideValidator;
import io.toothcomb.reader.Segment;
import java.time.LocalDate;

/**
 * Dates already read, by their eight bytes ({@link Segment#eightBytes}): a file has few distinct service and
 * birth dates and reads each many times, so a date met before is neither parsed nor checked again.
 */
final class DateCache {
    private final long[] dateKeys = new long[4096];
    private final LocalDate[] dateValues = new LocalDate[4096];
    /** False when the loader only checks: any valid date then stands for itself. */
    private final boolean build;

    DateCache(boolean build) {
        this.build = build;
    }

    /**
     * Bytes {@code from} to {@code to} of element {@code i} as a CCYYMMDD date (eight ASCII digits making a real
     * date), or null; reads the bytes in place. When the loader only checks, any valid date stands for itself
     * ({@link LocalDate#EPOCH}): only null or not matters then.
     */
    LocalDate date(Segment s, int i, int from, int to) {
        if (to - from != 8) {
            return null;
        }
        long raw = s.eightBytes(i, from);
        int slot = (int) ((raw * 0x9E3779B97F4A7C15L) >>> 52);
        LocalDate known = dateValues[slot];
        if (known != null && dateKeys[slot] == raw) {
            return build ? known : LocalDate.EPOCH;
        }
        long v = s.digits(i, from, to);
        if (v < 0) {
            return null;
        }
        int key = (int) v;
        int y = key / 10000;
        int m = key / 100 % 100;
        int d = key % 100;
        if (m < 1 || m > 12 || d < 1 || d > GuideValidator.daysInMonth(y, m)) {
            return null; // what LocalDate.of would refuse
        }
        LocalDate date = LocalDate.of(y, m, d);
        dateKeys[slot] = raw;
        dateValues[slot] = date;
        return build ? date : LocalDate.EPOCH;
    }
}
