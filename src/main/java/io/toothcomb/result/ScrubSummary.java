package io.toothcomb.result;

import java.util.List;

/**
 * Counts for one scrubbed file.
 *
 * @param notTaken claims (counted in {@code rejected}) whose transaction set the 999 does not take: they are in
 *                 neither {@code NAME.accepted.837} nor {@code NAME.rejected.837}
 * @param rules the findings by rule and severity, infos included, sorted by rule id
 */
public record ScrubSummary(String file, long bytes, int segments, int claims, int accepted, int rejected,
                           int findings, int errors, int warnings, boolean envelopeRejected, long nanos,
                           int notTaken, List<RuleCount> rules) {

    public ScrubSummary {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A summary without counts by rule and with every claim in a set the 999 takes. */
    public ScrubSummary(String file, long bytes, int segments, int claims, int accepted, int rejected,
                        int findings, int errors, int warnings, boolean envelopeRejected, long nanos) {
        this(file, bytes, segments, claims, accepted, rejected, findings, errors, warnings, envelopeRejected, nanos,
                0, List.of());
    }

    /** How many findings one rule made, by severity, and how many claims it rejected. */
    public record RuleCount(String rule, int errors, int warnings, int infos, int rejectedClaims) {
        public int total() {
            return errors + warnings + infos;
        }
    }

    /** Findings of severity info (those neither errors nor warnings). */
    public int infos() {
        return findings - errors - warnings;
    }

    /** The same summary with another time (to compare two scrubs of a file). */
    public ScrubSummary withNanos(long n) {
        return new ScrubSummary(file, bytes, segments, claims, accepted, rejected, findings, errors, warnings,
                envelopeRejected, n, notTaken, rules);
    }

    public double seconds() {
        return nanos / 1e9;
    }

    /** Claims in {@code NAME.rejected.837}: the rejected ones whose transaction set the 999 takes. */
    public int forwardedRejected() {
        return rejected - notTaken;
    }
}
