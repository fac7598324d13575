package io.toothcomb.rules.checks;

import io.toothcomb.model.Attachment;
import io.toothcomb.model.Claim;
import io.toothcomb.model.Narrative;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;
import java.util.function.Predicate;

@RuleInfo(
        id = "APEX-DOCUMENTATION",
        summary = "Apexification billed with neither a narrative (NTE*ADD) nor a radiograph attachment (PWK RB/RR/DG)",
        severity = Severity.WARNING,
        category = "A6",
        statusCode = "324",
        source = "seed 001 ('X-ray images demonstrating the incomplete apex'; 'Provide complete records with claims, "
                + "including treatment notes, x-rays, and detailed explanations'; denials for 'Lack of clinical "
                + "documentation'); seed 003 (apical closure of immature teeth); research R-APEX-008",
        explanation = "Payers review apexification (D3351-D3353) against radiographs showing the open apex and a "
                + "narrative on why each visit was needed. A claim with neither a 2300 NTE*ADD narrative nor a PWK "
                + "whose report type is a radiograph or diagnostic report is likely to be pended or denied for "
                + "missing documentation. Add the narrative, or send the radiograph and reference it in PWK "
                + "(PWK01 RB/RR/DG, PWK05 AC, PWK06 the attachment control number). Parameters: codes (default "
                + "flag:apexification), types (PWK01 values that count, default RB,RR,DG).",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "flag:apexification",
                        description = "codes (or flag:NAME) that need an attachment"),
                @Param(name = "types", type = ParamType.X12_CODES, defaultValue = "RB,RR,DG",
                        description = "PWK01 report types that count as the documentation")})
public final class ApexDocumentation implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("flag:apexification");
    private static final List<String> DEFAULT_TYPES = List.of("RB", "RR", "DG");

    private record Setup(Predicate<ServiceLine> apex, List<String> types) {
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Setup setup = ctx.memo(ApexDocumentation.class, c -> new Setup(
                Lines.matcher(c, c.listParam("codes", DEFAULT_CODES)), c.listParam("types", DEFAULT_TYPES)));
        Predicate<ServiceLine> apex = setup.apex();
        List<String> types = setup.types();
        for (Narrative n : claim.narratives()) {
            if ("ADD".equals(n.type()) && n.text() != null && !n.text().isBlank()) {
                return;
            }
        }
        for (Attachment a : claim.attachments()) {
            if (types.contains(a.reportType())) {
                return;
            }
        }
        for (ServiceLine line : claim.lines()) {
            if (apex.test(line)) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on " + Lines.describe(line) + " has no "
                        + "narrative and no radiograph on the claim: add an NTE*ADD narrative (why the visit was "
                        + "needed) or a PWK for the radiograph (PWK01 " + String.join("/", types) + ")");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
