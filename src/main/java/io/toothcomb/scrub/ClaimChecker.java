package io.toothcomb.scrub;

import io.toothcomb.loader.ClaimUnit;
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

    ClaimChecker(RuleEngine engine) {
        this.engine = engine;
    }

    /** @param ack what the 999 says of the claim's transaction set (null: nothing yet) */
    ClaimResult check(ClaimUnit unit, TransactionAck ack) {
        List<Finding> found = engine.check(unit.claim());
        if (ack != null && !ack.accepted()) {
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
