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
    public static final String ENVELOPE_RULE = io.toothcomb.rules.RuleReference.ENVELOPE_RULE;
    /**
     * Rule id of the findings for the implementation guide's situational rules (its {@code situation} lines) a
     * claim breaks; the status of each is the guide table's.
     */
    public static final String SITUATION_RULE = io.toothcomb.rules.RuleReference.SITUATION_RULE;

    public Claim claim() {
        return unit.claim();
    }

    /** Findings on one service line (by LX number). */
    public List<Finding> findingsOnLine(int lx) {
        return matching(lx, true);
    }

    /** Findings on one segment (by ordinal). */
    public List<Finding> findingsOn(int segment) {
        return matching(segment, false);
    }

    /**
     * Findings pointing at a segment before the claim's own (its context: 2010BA, 2000C), which writers that go
     * through the claim's segments show at its first segment; empty for nearly every claim.
     */
    public List<Finding> findingsBeforeClaim() {
        int first = unit.claim().segment();
        List<Finding> found = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.segment() > 0 && f.segment() < first) {
                if (found == null) {
                    found = new java.util.ArrayList<>(2);
                }
                found.add(f);
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    /**
     * The findings on a line or a segment; writers ask for every segment of a claim with findings, and most have
     * none, so nothing is allocated then.
     */
    private List<Finding> matching(int n, boolean byLine) {
        List<Finding> found = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            boolean hit = byLine ? f.line() != null && f.line() == n : f.segment() == n;
            if (hit) {
                if (found == null) {
                    found = new java.util.ArrayList<>(2);
                }
                found.add(f);
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }
}
