package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.model.Claim;
import io.toothcomb.rules.Finding;
import java.util.List;

/**
 * A scrubbed claim: what was read, what the rules found, and the verdict. A claim is rejected when any
 * finding has error severity (including {@link #ENVELOPE_RULE} when its transaction set failed the 999).
 *
 * @param pack the rule pack that was applied
 */
public record ClaimResult(ClaimUnit unit, List<Finding> findings, boolean rejected, String pack) {
    /** Rule id of the finding added to claims whose transaction set the 999 rejects. */
    public static final String ENVELOPE_RULE = "X12-999";

    public Claim claim() {
        return unit.claim();
    }

    /** Findings on one service line (by LX number). */
    public List<Finding> findingsOnLine(int lx) {
        if (findings.isEmpty()) {
            return List.of();
        }
        return findings.stream().filter(f -> f.line() != null && f.line() == lx).toList();
    }

    /** Findings on one segment (by ordinal). */
    public List<Finding> findingsOn(int segment) {
        if (findings.isEmpty()) {
            return List.of();
        }
        return findings.stream().filter(f -> f.segment() == segment).toList();
    }
}
