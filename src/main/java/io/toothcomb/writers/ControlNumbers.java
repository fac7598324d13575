package io.toothcomb.writers;

/**
 * Where the control numbers of the interchanges toothcomb forwards ({@code NAME.accepted.837},
 * {@code NAME.rejected.837}) come from: the ISA13 and GS06 of each interchange and group written for an input
 * interchange and group. ST02 is not asked for: it counts the sets within our group (0001, 0002, …), which is
 * unique there as the guide requires.
 *
 * <p>One small interface so that a persistent sequence (a counter kept across runs) can take the place of
 * {@link #derived} without touching the writer.
 */
public interface ControlNumbers {

    /** Our ISA13, nine digits, for the interchange written for the input interchange whose ISA13 is {@code input}. */
    String interchange(String input);

    /** Our GS06, one to nine digits, for the group written for the input group whose GS06 is {@code input}. */
    String group(String input);

    /**
     * Numbers derived from the input's: the input's number plus {@code offset}, wrapping within 1 to 999,999,999,
     * so that ours never equals the input's (an input number that is not one to nine digits counts as 0). Each
     * output kind takes its own offset (accepted 1, rejected 2), so the two interchanges made from one input
     * never share a number either. Derived numbers repeat when the same file is scrubbed again: a stand-in until a
     * persistent sequence is kept.
     */
    static ControlNumbers derived(int offset) {
        if (offset < 1 || offset > 999) {
            throw new IllegalArgumentException("offset " + offset + " is not 1 to 999");
        }
        return new ControlNumbers() {
            @Override
            public String interchange(String input) {
                return X12Writer.zeros(next(input, offset), 9);
            }

            @Override
            public String group(String input) {
                return Long.toString(next(input, offset));
            }
        };
    }

    /** {@code input} plus {@code offset} within 1 to 999,999,999; never {@code input} itself. */
    private static long next(String input, int offset) {
        long n = AckEnvelope.controlNumber(input, 0);
        return (n + offset - 1) % 999_999_999L + 1;
    }
}
