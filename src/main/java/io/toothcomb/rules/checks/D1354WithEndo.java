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
        id = "D1354-WITH-ENDO",
        summary = "D1354 on a tooth that also gets endodontic or pulpal treatment the same day (a symptomatic tooth)",
        severity = Severity.WARNING,
        category = "A8",
        statusCode = "454",
        source = "seed 002 ('D1354 is scoped to non-symptomatic lesions. Symptomatic teeth point toward different "
                + "diagnostic and treatment codes'); research R-D1354-008; code set flag endo",
        explanation = "Caries-arresting medicament (D1354) is for an active lesion on a tooth without symptoms. A "
                + "pulpotomy, pulpal therapy, root canal or apexification (code set flag endo) on the same tooth the "
                + "same day means the tooth was symptomatic or the pulp involved, so D1354 is likely the wrong code "
                + "for that tooth. Check the chart; remove D1354 or correct the tooth number. Parameter with lists "
                + "the codes or flag:NAME entries that count (default flag:endo).",
        params = {
                @Param(name = "with", type = ParamType.CODES, defaultValue = "flag:endo",
                        description = "codes that conflict with D1354 on the same tooth and date")})
public final class D1354WithEndo implements Rule {
    private static final List<String> SDF = List.of("D1354");
    private static final List<String> DEFAULT_WITH = List.of("flag:endo");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Lines.Matchers m = Lines.matchers(ctx, D1354WithEndo.class, SDF, "with", DEFAULT_WITH);
        for (Lines.Pair p : Lines.sameToothPairs(claim, m.first(), m.second())) {
            ServiceLine d1354 = p.matching(m.first());
            ServiceLine other = p.other(d1354);
            ctx.report(d1354, d1354.sv3Segment(), 1, 2, "D1354 on line " + d1354.number() + " is for a tooth without "
                    + "symptoms, but tooth " + p.tooth().designation() + " also has " + other.code() + " (line "
                    + other.number() + ") on the same date, which points to a symptomatic tooth: check the tooth "
                    + "number or remove D1354");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return SDF;
    }
}
