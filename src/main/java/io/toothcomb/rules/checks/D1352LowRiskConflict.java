package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.Diagnosis;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "D1352-LOW-RISK-CONFLICT",
        summary = "D1352 on a claim that also reports the patient at low caries risk (D0601 or Z91.841)",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 000 ('A low-risk patient with a minimal pit finding may be better served by a standard "
                + "sealant (D1351)'; D1352 requires moderate to high risk); research R-D1352-003; ICD-10-CM Z91.841 "
                + "(risk for dental caries, low)",
        explanation = "A D0601 line (caries risk assessment found low risk) or ICD-10 Z91.841 on the same claim "
                + "contradicts D1352, whose definition requires moderate or high risk. Either the risk line is wrong "
                + "(D0602 moderate, D0603 high) or the procedure was a sealant (D1351).")
public final class D1352LowRiskConflict implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (!CariesRisk.hasD1352(claim, ctx)) {
            return; // the findings are on D1352 lines
        }
        ServiceLine low = CariesRisk.lowLine(claim, ctx);
        Diagnosis lowDx = CariesRisk.diagnosis(claim, CariesRisk.LOW_DX);
        if (low == null && lowDx == null) {
            return;
        }
        String why = low != null
                ? "line " + low.number() + " reports D0601 (caries risk found low)"
                : "the claim's diagnoses include Z91.841 (low caries risk)";
        for (ServiceLine line : claim.lines()) {
            if (!line.code().equals("D1352") || Lines.info(ctx, line) == null) {
                continue;
            }
            ctx.report(line, line.sv3Segment(), 1, 2, "D1352 on " + Lines.describe(line) + " is for moderate or high "
                    + "caries risk, but " + why + ": correct the risk level (D0602/D0603) or report a sealant "
                    + "(D1351) instead");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return List.of("D1352");
    }
}
