package io.toothcomb.result;

import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.model.Claim;
import io.toothcomb.rules.Finding;
import java.util.List;

/**
 * A scrubbed claim: what was read, what the rules found, and the verdict. A claim is rejected when any
 * finding has error severity (including {@link #ENVELOPE_RULE} when its transaction set failed the 999).
 *
 * @param pack the rule pack that was applied
 * @param fixed with {@code --fix}: the claim as toothcomb mended it (its segments are what the accepted 837
 *              carries), when the mended claim is clean; the findings then say what changed. Null otherwise:
 *              {@code unit} is what came in, and what goes on.
 */
public record ClaimResult(ClaimUnit unit, List<Finding> findings, boolean rejected, String pack, ClaimUnit fixed) {

    /** A claim toothcomb did not mend. */
    public ClaimResult(ClaimUnit unit, List<Finding> findings, boolean rejected, String pack) {
        this(unit, findings, rejected, pack, null);
    }
    /** Rule id of the finding added to claims whose transaction set the 999 rejects. */
    public static final String ENVELOPE_RULE = io.toothcomb.rules.engine.RuleRegistry.ENVELOPE_RULE;
    /**
     * Rule id of the findings for the implementation guide's situational rules (its {@code situation} lines) a
     * claim breaks; the status of each is the guide table's.
     */
    public static final String SITUATION_RULE = io.toothcomb.rules.engine.RuleRegistry.SITUATION_RULE;

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
     * The claim's syntax errors and findings by segment and by line, for a writer that goes through all of a claim's
     * segments or lines: looked up in a map made once when the claim has many (a claim of 50,000 lines, each with
     * its error, would otherwise cost 50,000 scans of 50,000), by a scan of the few otherwise.
     */
    public Notes notes() {
        return new Notes(this);
    }

    /** See {@link #notes()}. */
    public static final class Notes {
        private static final int FEW = 16;
        private final ClaimResult r;
        private final java.util.Map<Integer, List<io.toothcomb.loader.SyntaxError>> errors;
        private final java.util.Map<Integer, List<Finding>> bySegment;
        private final java.util.Map<Integer, List<Finding>> byLine;

        Notes(ClaimResult r) {
            this.r = r;
            List<io.toothcomb.loader.SyntaxError> errs = r.unit().errors();
            this.errors = errs.size() <= FEW ? null : group(errs, io.toothcomb.loader.SyntaxError::segment);
            this.bySegment = r.findings().size() <= FEW ? null : group(r.findings(), Finding::segment);
            this.byLine = r.findings().size() <= FEW ? null
                    : group(r.findings(), f -> f.line() == null ? Integer.MIN_VALUE : f.line());
        }

        private static <T> java.util.Map<Integer, List<T>> group(List<T> all,
                                                                 java.util.function.ToIntFunction<T> key) {
            java.util.Map<Integer, List<T>> m = new java.util.HashMap<>();
            for (T t : all) {
                m.computeIfAbsent(key.applyAsInt(t), k -> new java.util.ArrayList<>(2)).add(t);
            }
            return m;
        }

        public List<io.toothcomb.loader.SyntaxError> errorsOn(int segment) {
            return errors == null ? r.unit().errorsOn(segment) : errors.getOrDefault(segment, List.of());
        }

        public List<Finding> findingsOn(int segment) {
            return bySegment == null ? r.findingsOn(segment) : bySegment.getOrDefault(segment, List.of());
        }

        public List<Finding> findingsOnLine(int lx) {
            return byLine == null ? r.findingsOnLine(lx) : byLine.getOrDefault(lx, List.of());
        }
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
