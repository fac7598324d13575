package io.toothcomb.writers;

/** The decimal digits of a number that is not negative, written into a byte buffer without a String. */
final class Digits {
    private Digits() {
    }

    /** How many digits {@code v} (not negative) has. */
    static int count(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes the digits of {@code v} (not negative) so that they end just before {@code end}; returns where they start. */
    static int putBefore(byte[] b, int end, int v) {
        do {
            b[--end] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        return end;
    }
}
