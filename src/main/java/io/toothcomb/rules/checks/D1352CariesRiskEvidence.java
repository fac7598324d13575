package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "D1352-CARIES-RISK-EVIDENCE",
        summary = "D1352 with nothing on the claim showing the patient is at moderate or high caries risk",
        severity = Severity.WARNING,
        category = "A6",
        statusCode = "669",
        source = "seed 000 ('The patient must be classified as moderate to high caries risk for D1352 to apply ... "
                + "Formal caries risk documentation is not optional'); research R-D1352-002; ICD-10-CM Z91.842 / "
                + "Z91.843 (risk for dental caries, moderate / high)",
        explanation = "D1352 (dates of service up to 2025-12-31) is only for patients at moderate or high caries risk; "
                + "without evidence of that risk the payer may deny it for lack of necessity. The rule is satisfied "
                + "by any one of: a D0602 or D0603 caries-risk line on the claim, ICD-10 Z91.842 or Z91.843 in HI, "
                + "or a 2300 NTE*ADD narrative stating moderate or high risk (e.g. 'CRA high risk'). A warning, not "
                + "an error, because the assessment may be on an earlier claim; history checks come with the claim "
                + "history store.")
public final class D1352CariesRiskEvidence implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (!CariesRisk.hasD1352(claim, ctx)) {
            return; // the findings are on D1352 lines: without one, the evidence need not be looked for
        }
        if (CariesRisk.elevatedLine(claim, ctx) != null
                || CariesRisk.diagnosis(claim, CariesRisk.MODERATE_DX, CariesRisk.HIGH_DX) != null
                || CariesRisk.elevatedNarrative(claim) != null) {
            return;
        }
        for (ServiceLine line : claim.lines()) {
            if (!line.code().equals("D1352") || Lines.info(ctx, line) == null) {
                continue;
            }
            ctx.report(line, line.sv3Segment(), 1, 2, "D1352 on " + Lines.describe(line) + " requires a patient at "
                    + "moderate or high caries risk, and nothing on the claim shows it: add the D0602/D0603 risk "
                    + "assessment line, ICD-10 Z91.842/Z91.843 in HI, or an NTE*ADD narrative stating the risk level");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return List.of("D1352");
    }
}
