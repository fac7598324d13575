package io.toothcomb.loader;

/**
 * A file whose transaction sets cannot be taken apart plainly (an ST outside a group, a set without its SE
 * before the next envelope segment or the end of the file): it has to be read in one piece.
 */
public final class NotSeparable extends RuntimeException {
    public NotSeparable(String why) {
        super(why, null, false, false);
    }
}
