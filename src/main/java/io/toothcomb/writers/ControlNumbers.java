package io.toothcomb.writers;

/**
 * Where the control numbers of the interchanges toothcomb forwards ({@code NAME.accepted.837},
 * {@code NAME.rejected.837}) come from: the ISA13 and GS06 of each interchange and group written for an input
 * interchange and group. ST02 is not asked for: it counts the sets within our group (0001, 0002, …), which is
 * unique there as the guide requires.
 *
 * <p>The numbers come from the same persistent sequence as our acknowledgments' ({@link #sequence}), so no
 * answer or forwarded file of ours repeats another's.
 */
public interface ControlNumbers {

    /** Our ISA13, nine digits, for the next interchange written. */
    String interchange();

    /** Our GS06, one to nine digits, for the group of the interchange last written. */
    String group();

    /**
     * Numbers from our own persistent sequence, as the acknowledgments take theirs: the first interchange's number
     * is reserved now (when the writers are made, in their fixed order, so a run's numbering does not depend on the
     * threads); a file with more interchanges reserves one more for each when it comes to it. A group takes its
     * interchange's number, as our acknowledgments do.
     */
    static ControlNumbers sequence(io.toothcomb.control.ControlSequence seq) throws java.io.IOException {
        long first = seq.reserve(1);
        return new ControlNumbers() {
            private boolean firstUsed;
            private long current = first;

            @Override
            public String interchange() {
                if (firstUsed) {
                    try {
                        current = seq.reserve(1);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                firstUsed = true;
                return X12Writer.zeros(current, 9);
            }

            @Override
            public String group() {
                return Long.toString(current);
            }
        };
    }
}
