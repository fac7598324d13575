package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "TOOTH-REQUIRED",
        summary = "A tooth-specific procedure has no tooth number",
        severity = Severity.ERROR,
        category = "A6",
        statusCode = "244",
        source = "seed 000 (D1352), seed 002 (D1354: 'tooth number on every line'), seed 004 (missing tooth "
                + "number as a common denial); research R-TOOTH-001; Alabama Medicaid D1354 alert",
        explanation = "Codes the CDT code set marks as tooth-specific (sealants, D1352, D1354, D1355, restorations, "
                + "endodontics, apexification, extractions) must carry a TOO segment with TOO01 = JP and the tooth "
                + "in TOO02. Payers reject such lines outright when the tooth is missing.")
public final class ToothRequired implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !applies(info)) {
                continue;
            }
            boolean hasTooth = false;
            for (Tooth t : line.teeth()) {
                if (!t.designation().isEmpty()) {
                    hasTooth = true;
                    break;
                }
            }
            if (!hasTooth) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " (" + info.label()
                        + ") is reported per tooth, but line " + line.number()
                        + " has no tooth number: add TOO*JP*<tooth> after the SV3");
            }
        }
    }

    /** Only the codes the code set marks as tooth-specific (in any row of the code set): a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return Lines.codesWhere(ctx, ToothRequired::applies);
    }

    /** A code the code set marks as tooth-specific: the lines this rule looks at, and so the codes that trigger it. */
    private static boolean applies(CodeInfo info) {
        return info.tooth() == CodeInfo.ToothUse.REQUIRED;
    }
}
