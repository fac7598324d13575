package io.toothcomb.smooks;

import java.util.List;

/**
 * What toothcomb decided about one claim (one {@code Loop2300}), as the scrub visitor puts it into the Smooks
 * execution context: under {@link ScrubVisitor#VERDICT} (the current claim), {@link ScrubVisitor#VERDICTS} (all
 * claims so far) and as the bean {@code toothcombVerdict}, for templates and bindings targeted inside the loop.
 *
 * @param segment the CLM's position in the file (ISA = 1), as in findings.json
 */
public record ClaimVerdict(String claimId, int segment, boolean rejected, String pack, List<Issue> findings) {
    public ClaimVerdict {
        findings = List.copyOf(findings);
    }

    /** "accepted" or "rejected", as in the 277CA and findings.json. */
    public String status() {
        return rejected ? "rejected" : "accepted";
    }

    /**
     * One finding: the rule, its severity ({@code error}, {@code warning}, {@code info}), the 277CA status
     * ({@code A7:476}), the service line (LX01) or null, the segment position and element name it points at.
     */
    public record Issue(String rule, String severity, String status, Integer line, int segment, String element,
                        String message) {
    }
}
