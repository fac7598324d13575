package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "D1352-SAME-TOOTH-DUPLICATIVE",
        summary = "D1352 with a posterior resin restoration (D2391-D2394) or a sealant (D1351) on the same tooth and date",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 000 ('If the same tooth has a composite restoration billed on the same date, payers may deny "
                + "D1352 as duplicative'; D1351 is for a sound pit or fissure, D1352 for minimal caries); research "
                + "R-D1352-004, R-D1352-005",
        explanation = "A preventive resin restoration (D1352) already includes sealing the tooth's pits and fissures; a "
                + "resin restoration (D2391-D2394) or a sealant (D1351) on the same tooth the same day describes the "
                + "same work twice, and payers deny D1352 as duplicative. Keep the code that matches what was done: "
                + "D2391-D2394 when caries reached dentin, D1351 when the fissure was sound. Parameter codes lists "
                + "the conflicting codes (default D2391,D2392,D2393,D2394,D1351).",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D2391,D2392,D2393,D2394,D1351",
                        description = "codes duplicative of D1352 on the same tooth and date")})
public final class D1352SameToothDuplicative implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D2391", "D2392", "D2393", "D2394", "D1351");

    private static Lines.Matchers setup(RuleContext ctx) {
        return new Lines.Matchers(l -> l.code().equals("D1352") && Lines.info(ctx, l) != null,
                Lines.matcher(ctx, ctx.listParam("codes", DEFAULT_CODES)));
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (claim.lines().size() < 2) {
            return; // a pair needs two lines
        }
        Lines.Matchers setup = ctx.memo(D1352SameToothDuplicative.class, D1352SameToothDuplicative::setup);
        for (Lines.Pair p : Lines.sameToothPairs(claim, setup.first(), setup.second())) {
            ServiceLine d1352 = p.matching(setup.first());
            ServiceLine o = p.other(d1352);
            ctx.report(d1352, d1352.sv3Segment(), 1, 2, "D1352 on line " + d1352.number() + " and " + o.code()
                    + " on line " + o.number() + " are both billed for tooth " + p.tooth().designation()
                    + " on the same date: payers deny D1352 as duplicative; keep only the code that matches the work "
                    + "done on that tooth");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return List.of("D1352");
    }
}
