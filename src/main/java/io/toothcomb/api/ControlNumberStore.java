package io.toothcomb.api;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.control.FileControlSequence;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the control numbers of our answers come from: ISA13 and GS06 of every 999 and 277CA toothcomb writes. A
 * store hands out each number once; numbers run from 1 to {@value #MAX} (nine digits, the width of ISA13) and then
 * start again at 1. Gaps are allowed, repeats are not. Implement it over your own database, or use
 * {@link #startingAt} (tests, outputs that must not change from run to run) or {@link #file}.
 */
@FunctionalInterface
public interface ControlNumberStore {
    /** The largest control number: ISA13 is nine digits. */
    long MAX = 999_999_999L;

    /**
     * Takes {@code count} consecutive numbers and returns the first. The block never passes {@link #MAX}: a block
     * that would not fit starts again at 1.
     *
     * @throws IOException when the store cannot be read or written (the message names it)
     */
    long reserve(int count) throws IOException;

    /** An in-memory store that starts at {@code first}; never shared between runs or processes. */
    static ControlNumberStore startingAt(long first) {
        return ControlSequence.startingAt(first)::reserve;
    }

    /**
     * A store kept in a small file, locked while a block is taken, so that several processes on one machine may
     * share it (what {@code toothcomb scrub} uses, in the user's state folder).
     */
    static ControlNumberStore file(Path file) {
        return new FileControlSequence(file)::reserve;
    }
}
