package io.toothcomb.rules.checks;

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
        id = "NARRATIVE-REQUIRED",
        summary = "A code the payer pack lists as needing a narrative is billed without a 2300 NTE*ADD",
        severity = Severity.WARNING,
        category = "A6",
        statusCode = "669",
        source = "pack configuration. Default codes D1354: seed 002 ('A one-line narrative on the claim, naming the "
                + "tooth and the active lesion arrested with SDF, helps a carrier process it'); research R-D1354-012; "
                + "X12 837D: dental narratives go in 2300 NTE with NTE01 = ADD",
        explanation = "Which codes need a narrative is a payer decision, so the list lives in the pack: parameter "
                + "codes (codes or flag:NAME entries; default D1354). A claim with such a line and no non-empty "
                + "2300 NTE*ADD gets one finding per line. Write the narrative in NTE02 (80 characters per NTE, up to "
                + "5 NTE segments): the tooth, the finding and why the procedure was needed.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "codes (or flag:NAME) that need a narrative (NTE)")})
public final class NarrativeRequired implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (Narrative n : claim.narratives()) {
            if ("ADD".equals(n.type()) && n.text() != null && !n.text().isBlank()) {
                return;
            }
        }
        Predicate<ServiceLine> needs = ctx.memo(NarrativeRequired.class,
                c -> Lines.matcher(c, c.listParam("codes", DEFAULT_CODES)));
        for (ServiceLine line : claim.lines()) {
            if (needs.test(line)) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on " + Lines.describe(line) + ": this "
                        + "payer's pack expects a narrative for " + line.code() + " and the claim has none; add "
                        + "NTE*ADD*<tooth, finding, why> in the claim (2300) loop");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
