package io.toothcomb.scrub;

/** Counts for one scrubbed file. */
public record ScrubSummary(String file, long bytes, int segments, int claims, int accepted, int rejected,
                           int findings, int errors, int warnings, boolean envelopeRejected, long nanos) {

    public double seconds() {
        return nanos / 1e9;
    }
}
