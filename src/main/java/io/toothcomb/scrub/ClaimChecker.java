package io.toothcomb.scrub;

import io.toothcomb.fix.ClaimFixer;
import io.toothcomb.guide.Guide;
import io.toothcomb.guide.SituationChecker;
import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.loader.LoadMode;
import io.toothcomb.loader.LoopContext;
import io.toothcomb.loader.LoopMark;
import io.toothcomb.loader.SituationError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.rules.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the rules on one claim and counts what they found: a claim in a transaction set the 999 rejects also
 * gets the envelope finding, since the payer will not see it. One per thread, like its engine.
 */
final class ClaimChecker {
    private final RuleEngine engine;
    int claims;
    int rejected;
    int findings;
    int errors;
    int warnings;
    /**
     * Per rule: findings by severity ({@link Severity#ordinal()}) and, last, claims it helped reject; a few dozen
     * entries at most.
     */
    final java.util.Map<String, int[]> byRule = new java.util.HashMap<>();

    /** Claims whose transaction set the 999 does not take. */
    int notTaken;

    /** With {@code --fix}: the mechanical repairs, and the loops each claim hangs from (to scrub a mended claim). */
    private final ClaimFixer fixer;
    private final LoopContext context;

    ClaimChecker(RuleEngine engine) {
        this(engine, false);
    }

    ClaimChecker(RuleEngine engine, boolean fix) {
        this.engine = engine;
        this.fixer = fix && engine != null ? new ClaimFixer(engine.codes()) : null;
        this.context = fixer == null ? null : new LoopContext();
    }

    /** A segment outside the claims, in file order: with {@code --fix}, kept while it is part of a claim's context. */
    void segment(Segment s, LoopMark loop) {
        if (context != null) {
            context.add(s, loop);
        }
    }

    /** @param ack what the 999 says of the claim's transaction set (null: nothing yet) */
    ClaimResult check(ClaimUnit unit, TransactionAck ack) {
        List<Finding> found = findings(unit);
        if (ack != null && !ack.accepted()) {
            notTaken++;
            found = new ArrayList<>(found);
            found.add(0, new Finding(ClaimResult.ENVELOPE_RULE, Severity.ERROR, "A3", "684", null,
                    unit.claim().segment(), 0, 0, "transaction set " + ack.controlNumber()
                    + (ack.syntaxAccepted() ? " was not taken: " + ack.envelope()
                            : " was rejected in the 999 (" + firstProblem(ack, unit) + ")")
                    + "; the payer will not see this claim until the file is corrected and sent again"));
        }
        boolean rej = rejects(found);
        ClaimUnit fixed = null;
        if (rej && fixer != null && (ack == null || ack.accepted())) {
            ClaimResult mended = mend(unit, found);
            if (mended != null) {
                found = mended.findings();
                rej = mended.rejected();
                fixed = mended.fixed();
            }
        }
        for (int i = 0; i < found.size(); i++) { // indexed: most claims have none, and no iterator is needed
            Finding f = found.get(i);
            int[] n = byRule.computeIfAbsent(f.rule(), k -> new int[4]);
            n[f.severity().ordinal()]++;
            if (f.severity() == Severity.ERROR) {
                if (!counted(found, i)) {
                    n[3]++; // the claim once per rule, however many errors of that rule it has
                }
                errors++;
            } else if (f.severity() == Severity.WARNING) {
                warnings++;
            }
        }
        claims++;
        findings += found.size();
        if (rej) {
            rejected++;
        }
        return new ClaimResult(unit, List.copyOf(found), rej, engine.packFor(unit.claim()).name(), fixed);
    }

    /** The rules' findings and the guide's situational ones. */
    private List<Finding> findings(ClaimUnit unit) {
        List<Finding> found = engine.check(unit.claim());
        List<SituationError> situations = unit.situations();
        if (!situations.isEmpty()) {
            found = new ArrayList<>(found);
            for (int i = 0; i < situations.size(); i++) {
                found.add(i, situation(situations.get(i), unit));
            }
        }
        return found;
    }

    private static boolean rejects(List<Finding> found) {
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code --fix}: the claim with its mechanical repairs, scrubbed again as a file of its own (the guide's checks,
     * the situational rules and the rules). Clean: the result is accepted, with the mended claim to forward, an info
     * finding for each change and the mended claim's remaining warnings and infos pointing at the segments they
     * came from. Not clean: the claim stays as received and rejected, its findings kept, and an info finding says
     * what could have been mended and why it was not. Null when there is nothing to mend.
     */
    private ClaimResult mend(ClaimUnit unit, List<Finding> found) {
        ClaimFixer.Fix fix = fixer.fix(unit);
        if (fix == null) {
            return null;
        }
        ClaimFixer.Rescrub file = ClaimFixer.rescrub(fix, context, unit.segments().get(0).delimiters());
        List<ClaimUnit> units = new ArrayList<>(1);
        List<TransactionAck> acks = new ArrayList<>(1);
        try {
            ClaimLoader.load(new ByteArrayInputStream(file.bytes()), "fix", LoadMode.CLAIMS, new LoadHandler() {
                @Override
                public void claim(ClaimUnit u) {
                    units.add(u);
                }

                @Override
                public void transactionEnd(TransactionAck a) {
                    acks.add(a);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array: not expected
        }
        List<Finding> again = units.size() == 1 && acks.size() == 1 && acks.get(0).accepted()
                ? findings(units.get(0)) : null;
        String why = again == null ? "the mended claim does not pass the implementation guide's checks"
                : rejects(again) ? "other errors remain that need a person (" + ruleIds(again) + ")" : null;
        List<Finding> out = new ArrayList<>();
        if (why != null) {
            out.addAll(found);
            for (ClaimFixer.Edit e : fix.edits()) {
                out.add(new Finding(e.rule(), Severity.INFO, "A7", status(e), e.line(), e.segment(), e.element(), 0,
                        "can be mended, but is not sent mended because " + why + ": " + e.message()));
            }
            return new ClaimResult(unit, out, true, "", null);
        }
        for (ClaimFixer.Edit e : fix.edits()) {
            out.add(new Finding(e.rule(), Severity.INFO, "A7", status(e), e.line(), e.segment(), e.element(), 0,
                    "mended (--fix): " + e.message()));
        }
        for (Finding f : again) {
            int segment = file.original(f.segment());
            Integer line = f.line() == null ? null : fix.lineOrigins().getOrDefault(f.line(), f.line());
            out.add(new Finding(f.rule(), f.severity(), f.category(), f.statusCode(), line,
                    segment == 0 ? unit.claim().segment() : segment, f.element(), f.component(),
                    f.message() + " (on the mended claim)"));
        }
        return new ClaimResult(unit, out, false, "", units.get(0));
    }

    /** The 277 status of the error a repair answers (D1354-PER-TOOTH 476, SURFACE-LETTERS 240). */
    private static String status(ClaimFixer.Edit e) {
        return e.rule().equals(ClaimFixer.SPLIT) ? "476" : "240";
    }

    private static String ruleIds(List<Finding> found) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Finding f : found) {
            if (f.rejects()) {
                ids.add(f.rule());
            }
        }
        return String.join(", ", ids);
    }

    /** True when an error of the same rule comes before {@code found.get(i)} (the claim is counted already). */
    private static boolean counted(List<Finding> found, int i) {
        String rule = found.get(i).rule();
        for (int j = 0; j < i; j++) {
            if (found.get(j).severity() == Severity.ERROR && found.get(j).rule().equals(rule)) {
                return true;
            }
        }
        return false;
    }

    /** The counts by rule, sorted by rule id. */
    java.util.List<ScrubSummary.RuleCount> ruleCounts() {
        java.util.List<ScrubSummary.RuleCount> out = new ArrayList<>(byRule.size());
        for (var e : new java.util.TreeMap<>(byRule).entrySet()) {
            int[] n = e.getValue();
            out.add(new ScrubSummary.RuleCount(e.getKey(), n[0], n[1], n[2], n[3]));
        }
        return out;
    }

    /** Adds another checker's counts to this one's. */
    void add(ClaimChecker other) {
        other.byRule.forEach((rule, n) -> {
            int[] mine = byRule.computeIfAbsent(rule, k -> new int[4]);
            for (int k = 0; k < 4; k++) {
                mine[k] += n[k];
            }
        });
        claims += other.claims;
        rejected += other.rejected;
        findings += other.findings;
        errors += other.errors;
        warnings += other.warnings;
        notTaken += other.notTaken;
    }

    /**
     * The finding for a situational rule of the guide the claim breaks: an error (the claim is rejected in the
     * 277CA with the status the guide table gives the rule), pointing at the segment, in plain words.
     */
    static Finding situation(SituationError e, ClaimUnit unit) {
        String where;
        if (e.line() != null) {
            where = e.loop().equals("2400") ? "line " + e.line() : "loop " + e.loop() + " of line " + e.line();
        } else if (e.loop().equals("2300")) {
            where = "the claim";
        } else {
            String name = SituationChecker.loopName(Guide.dental837(), e.loop());
            where = "loop " + e.loop() + (name.isEmpty() ? "" : " (" + name + ")");
        }
        boolean outside = e.segment() < unit.claim().segment();
        String message = "segment " + e.segmentId() + (e.required() ? " is required in " : " is not used in ") + where
                + " because " + e.because() + ": " + e.note()
                + (outside ? " (segment " + e.segment() + ", before the claim: the claim's context)" : "");
        return new Finding(ClaimResult.SITUATION_RULE, Severity.ERROR, e.category(), e.statusCode(), e.line(),
                e.segment(), e.element(), 0, message);
    }

    private static String firstProblem(TransactionAck ack, ClaimUnit unit) {
        if (!unit.errors().isEmpty()) {
            return unit.errors().get(0).describe();
        }
        if (!ack.errors().isEmpty()) {
            return ack.errors().get(0).describe();
        }
        return "IK5 codes " + String.join(",", ack.ik5Codes());
    }
}
