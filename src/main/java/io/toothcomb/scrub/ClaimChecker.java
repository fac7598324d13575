package io.toothcomb.scrub;

import io.toothcomb.guide.Guide;
import io.toothcomb.guide.SituationChecker;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.SituationError;
import io.toothcomb.loader.TransactionAck;
import io.toothcomb.rules.Finding;
import io.toothcomb.rules.RuleEngine;
import io.toothcomb.rules.Severity;
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
    /** Claims whose transaction set the 999 does not take. */
    int notTaken;

    ClaimChecker(RuleEngine engine) {
        this.engine = engine;
    }

    /** @param ack what the 999 says of the claim's transaction set (null: nothing yet) */
    ClaimResult check(ClaimUnit unit, TransactionAck ack) {
        List<Finding> found = engine.check(unit.claim());
        List<SituationError> situations = unit.situations();
        if (!situations.isEmpty()) {
            found = new ArrayList<>(found);
            for (int i = 0; i < situations.size(); i++) {
                found.add(i, situation(situations.get(i), unit));
            }
        }
        if (ack != null && !ack.accepted()) {
            notTaken++;
            found = new ArrayList<>(found);
            found.add(0, new Finding(ClaimResult.ENVELOPE_RULE, Severity.ERROR, "A3", "684", null,
                    unit.claim().segment(), 0, 0, "transaction set " + ack.controlNumber()
                    + (ack.syntaxAccepted() ? " was not taken: " + ack.envelope()
                            : " was rejected in the 999 (" + firstProblem(ack, unit) + ")")
                    + "; the payer will not see this claim until the file is corrected and sent again"));
        }
        boolean rej = false;
        for (int i = 0; i < found.size(); i++) { // indexed: most claims have none, and no iterator is needed
            Finding f = found.get(i);
            if (f.severity() == Severity.ERROR) {
                rej = true;
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
        return new ClaimResult(unit, List.copyOf(found), rej, engine.packFor(unit.claim()).name());
    }

    /** Adds another checker's counts to this one's. */
    void add(ClaimChecker other) {
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
