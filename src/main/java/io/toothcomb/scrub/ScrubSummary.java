package io.toothcomb.scrub;

/**
 * Counts for one scrubbed file.
 *
 * @param notTaken claims (counted in {@code rejected}) whose transaction set the 999 does not take: they are in
 *                 neither {@code NAME.accepted.837} nor {@code NAME.rejected.837}
 */
public record ScrubSummary(String file, long bytes, int segments, int claims, int accepted, int rejected,
                           int findings, int errors, int warnings, boolean envelopeRejected, long nanos,
                           int notTaken) {

    /** The same summary with another time (to compare two scrubs of a file). */
    public ScrubSummary withNanos(long n) {
        return new ScrubSummary(file, bytes, segments, claims, accepted, rejected, findings, errors, warnings,
                envelopeRejected, n, notTaken);
    }

    public double seconds() {
        return nanos / 1e9;
    }

    /** Claims in {@code NAME.rejected.837}: the rejected ones whose transaction set the 999 takes. */
    public int forwardedRejected() {
        return rejected - notTaken;
    }
}
