package io.toothcomb.scrub;

/** Counts for one scrubbed file. */
public record ScrubSummary(String file, long bytes, int segments, int claims, int accepted, int rejected,
                           int findings, int errors, int warnings, boolean envelopeRejected, long nanos) {

    /** The same summary with another time (to compare two scrubs of a file). */
    public ScrubSummary withNanos(long n) {
        return new ScrubSummary(file, bytes, segments, claims, accepted, rejected, findings, errors, warnings,
                envelopeRejected, n);
    }

    public double seconds() {
        return nanos / 1e9;
    }
}
