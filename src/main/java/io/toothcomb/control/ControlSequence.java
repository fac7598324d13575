package io.toothcomb.control;

import java.io.IOException;

/**
 * Where the control numbers of our own answers come from: ISA13 and GS06 of every 999, 277CA and TA1
 * toothcomb writes. A sequence hands out each number once; numbers run from 1 to {@value #MAX} (nine digits, the
 * width of ISA13) and then start again at 1. Gaps are allowed (a number taken by a run that then failed is never
 * handed out again); repeats are not.
 *
 * <p>Kept in the claim history database when there is one ({@code control_number} table), else in a small locked
 * file in the user's state folder ({@link FileControlSequence}); tests inject {@link #startingAt} so that their
 * outputs are reproducible.
 */
@FunctionalInterface
public interface ControlSequence {
    /** The largest control number: ISA13 is nine digits. */
    long MAX = 999_999_999L;

    /**
     * Takes {@code count} consecutive numbers and returns the first; the block never wraps ({@code first + count - 1}
     * is at most {@link #MAX}: a block that would not fit starts again at 1).
     *
     * @throws IOException when the store cannot be read or written (the message names it)
     */
    long reserve(int count) throws IOException;

    /**
     * This sequence, or {@code history} when this one is meant to follow the claim history whenever there is one
     * (the {@code auto} store of the configuration).
     */
    default ControlSequence withHistory(ControlSequence history) {
        return this;
    }

    /** An in-memory sequence that starts at {@code first}: for tests and embedding, never shared between runs. */
    static ControlSequence startingAt(long first) {
        if (first < 1 || first > MAX) {
            throw new IllegalArgumentException("a control number is 1 to " + MAX + ": " + first);
        }
        long[] next = {first};
        return count -> {
            synchronized (next) {
                long f = fit(next[0], count);
                next[0] = following(f, count);
                return f;
            }
        };
    }

    /** Follows the claim history when there is one, else {@code fallback}. */
    static ControlSequence preferHistory(ControlSequence fallback) {
        return new ControlSequence() {
            @Override
            public long reserve(int count) throws IOException {
                return fallback.reserve(count);
            }

            @Override
            public ControlSequence withHistory(ControlSequence history) {
                return history;
            }
        };
    }

    /** The first number of a block of {@code count} from {@code next}: {@code next}, or 1 when the block would pass {@link #MAX}. */
    static long fit(long next, int count) {
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("a block of control numbers is 1 to 1,000,000: " + count);
        }
        long n = next < 1 || next > MAX ? 1 : next;
        return n + count - 1 > MAX ? 1 : n;
    }

    /** The number after a block of {@code count} starting at {@code first}, wrapping after {@link #MAX}. */
    static long following(long first, int count) {
        long n = first + count;
        return n > MAX ? 1 : n;
    }
}
