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
        id = "APEX-WITH-ROOT-CANAL",
        summary = "Apexification (D3351-D3353) and root canal therapy (D3310/D3320/D3330) on the same tooth and date",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 001 (D3352 'vs. similar codes': D3310, D3320, D3330 are distinct procedures; 'Do not use this "
                + "code as a substitute for related procedures'); seed 003 (D3351 for immature teeth with open apex); "
                + "research R-APEX-006",
        explanation = "Apexification treats a tooth whose root is not fully formed, over several visits; the final "
                + "visit (D3353) includes completing the canal filling. Conventional root canal therapy "
                + "(D3310/D3320/D3330) on the same tooth the same day bills the canal work twice. Keep the "
                + "apexification code for the visit, or the root canal code if the apex was closed.",
        params = {
                @Param(name = "with", type = ParamType.CODES, defaultValue = "flag:root_canal",
                        description = "codes that must not be on the same tooth and date as apexification")})
public final class ApexWithRootCanal implements Rule {
    private static final List<String> APEX = List.of("flag:apexification");
    private static final List<String> DEFAULT_WITH = List.of("flag:root_canal");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Lines.Matchers m = Lines.matchers(ctx, ApexWithRootCanal.class, APEX, "with", DEFAULT_WITH);
        for (Lines.Pair p : Lines.sameToothPairs(claim, m.first(), m.second())) {
            ServiceLine later = p.second();
            ServiceLine other = p.first();
            ctx.report(later, later.sv3Segment(), 1, 2, other.code() + " (line " + other.number() + ") and "
                    + later.code() + " (line " + later.number() + ") are both billed for tooth "
                    + p.tooth().designation() + " on the same date: apexification and root canal therapy are "
                    + "alternatives for one visit; keep the code that matches the treatment and remove the other");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return APEX;
    }
}
