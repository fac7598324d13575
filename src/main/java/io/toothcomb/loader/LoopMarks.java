package io.toothcomb.loader;

/**
 * The loop mark of each segment handed on: the loop it is in, and whether it starts that loop (the first
 * segment of a loop, or the guide opened the loop again at it). The marks are made once per loop id and shared.
 */
final class LoopMarks {
    /**
     * Loop marks by loop id, so that a segment needs no map lookup: the ids are constants of the loader and the
     * guide, told apart by identity in a table indexed by their (cached) hash; the ids the loader uses share no
     * slot.
     */
    private final String[] markLoops = new String[256];
    private final LoopMark[] markStarts = new LoopMark[256];
    private final LoopMark[] markContinues = new LoopMark[256];
    private String lastLoop = "";

    /** The mark of a segment in {@code loop}; {@code opened}: the guide opened the loop at this segment. */
    LoopMark mark(String loop, boolean opened) {
        int h = loop.hashCode();
        int slot = (h ^ (h >>> 16)) & 255;
        if (markLoops[slot] != loop) {
            markLoops[slot] = loop;
            markStarts[slot] = LoopMark.of(loop, true);
            markContinues[slot] = LoopMark.of(loop, false);
        }
        LoopMark mark = !loop.equals(lastLoop) || opened ? markStarts[slot] : markContinues[slot];
        lastLoop = loop;
        return mark;
    }

    /** A segment in {@code loop} that nobody sees: the next one in the same loop continues it. */
    void pass(String loop) {
        lastLoop = loop;
    }
}
