package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "D1354-D1355-SAME-TOOTH",
        summary = "D1354 (arrest an active lesion) and D1355 (prevent on a sound surface) on the same tooth and date",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 002 ('the single biggest miscode is confusing it with D1355 ... One treats a cavity that "
                + "already exists. The other protects a tooth before a cavity forms'); research R-D1354-004",
        explanation = "D1354 and D1355 can use the same product (silver diamine fluoride) but describe opposite "
                + "intents on a tooth: arresting an active carious lesion, or preventing decay on a sound surface. "
                + "Both on one tooth the same day cannot both be true. Keep D1354 if the tooth has an active lesion, "
                + "D1355 if the surface is sound, and delete the other line.")
public final class D1354D1355SameTooth implements Rule {
    private static final List<String> D1354 = List.of("D1354");
    private static final List<String> D1355 = List.of("D1355");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Lines.Matchers m = Lines.matchers(ctx, D1354D1355SameTooth.class, D1354, null, D1355);
        for (Lines.Pair p : Lines.sameToothPairs(claim, m.first(), m.second())) {
            ServiceLine later = p.second();
            ServiceLine other = p.first();
            ctx.report(later, later.sv3Segment(), 1, 2, later.code() + " on line " + later.number() + " and "
                    + other.code() + " on line " + other.number() + " are both billed for tooth "
                    + p.tooth().designation() + " on the same date: D1354 arrests an active lesion, D1355 prevents "
                    + "decay on a sound surface; keep the one the chart supports and remove the other");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return D1354;
    }
}
