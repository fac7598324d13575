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
        id = "TOOTH-ON-WHOLE-MOUTH-CODE",
        summary = "A whole-mouth procedure (exam, cleaning, topical fluoride) carries a tooth number or an area",
        severity = Severity.WARNING,
        category = "A8",
        statusCode = "454",
        source = "seed 002 (D1206/D1208 are whole-mouth applications reported once per visit, not per tooth); "
                + "research R-TOOTH-003; code set flag whole_mouth (D0120, D0150, D1110, D1120, D1206, D1208, "
                + "D4346, D4355, D4910)",
        explanation = "Codes the code set flags whole_mouth describe a service to the entire mouth: periodic and "
                + "comprehensive exams, prophylaxis, topical fluoride, full-mouth debridement, periodontal "
                + "maintenance. A TOO segment, or an SV304 area other than 00, makes the payer read the line as a "
                + "tooth-specific service and may deny it or pay it per tooth. Remove the TOO segment and SV304 (or "
                + "send SV304 = 00). Silver diamine fluoride on one lesion is D1354, not a fluoride code.")
public final class ToothOnWholeMouthCode implements Rule {

    /** The code-set flag of the codes this rule looks at (whole-mouth services), which also triggers it. */
    private static final String FLAG = "whole_mouth";

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !info.has(FLAG)) {
                continue;
            }
            Tooth first = null;
            for (Tooth t : line.teeth()) {
                if (!t.designation().isEmpty()) {
                    first = t;
                    break;
                }
            }
            if (first != null) {
                ctx.report(line, first.segment(), 2, 0, line.code() + " (" + info.label() + ") on line "
                        + line.number() + " is a whole-mouth service, but it names tooth " + first.designation()
                        + ": remove the TOO segment" + (line.teeth().size() > 1 ? "s" : "")
                        + " from this line");
                continue;
            }
            for (String area : line.areas()) {
                if (!area.isEmpty() && !area.equals("00")) {
                    ctx.report(line, line.sv3Segment(), 4, 0, line.code() + " (" + info.label() + ") on line "
                            + line.number() + " is a whole-mouth service, but SV304 names area " + area
                            + ": leave SV304 empty or send 00 (entire oral cavity)");
                    break;
                }
            }
        }
    }

    /** Only whole-mouth services: a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return List.of("flag:" + FLAG);
    }
}
