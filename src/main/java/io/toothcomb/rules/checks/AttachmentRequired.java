package io.toothcomb.rules.checks;

import io.toothcomb.model.Attachment;
import io.toothcomb.model.Claim;
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
        id = "ATTACHMENT-REQUIRED",
        summary = "A code the payer pack lists as needing an attachment is billed without a matching PWK",
        severity = Severity.WARNING,
        category = "A6",
        statusCode = "294",
        source = "pack configuration; research R-PWK-002 and R-PERIO-002 (Dentrix keeps attachment requirements per "
                + "payer; DentalXChange and Vyne hold claims under payer attachment rules; Regence asks for no "
                + "unsolicited attachments). Default codes D4341, D4342 with a perio chart or radiograph",
        explanation = "Which codes need which attachments is a payer decision, so both lists live in the pack: "
                + "parameter codes (codes or flag:NAME entries; default D4341,D4342) and types (PWK01 report types "
                + "that satisfy it; default P6 periodontal chart, RB radiology films). A claim with such a line and "
                + "no PWK of those types gets one finding per line. Send the attachment through your attachment "
                + "service and add PWK*<type>*EL***AC*<attachment control number> in the claim loop.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D4341,D4342",
                        description = "codes (or flag:NAME) that need an attachment"),
                @Param(name = "types", type = ParamType.X12_CODES, defaultValue = "P6,RB",
                        description = "PWK01 report types that satisfy the rule")})
public final class AttachmentRequired implements Rule {
    private static final List<String> DEFAULT_TYPES = List.of("P6", "RB");
    private static final List<String> DEFAULT_CODES = List.of("D4341", "D4342");

    private record Setup(List<String> types, Predicate<ServiceLine> needs) {
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Setup setup = ctx.memo(AttachmentRequired.class, c -> new Setup(c.listParam("types", DEFAULT_TYPES),
                Lines.matcher(c, c.listParam("codes", DEFAULT_CODES))));
        List<String> types = setup.types();
        for (Attachment a : claim.attachments()) {
            if (types.contains(a.reportType())) {
                return;
            }
        }
        Predicate<ServiceLine> needs = setup.needs();
        for (ServiceLine line : claim.lines()) {
            if (needs.test(line)) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on " + Lines.describe(line) + ": this "
                        + "payer's pack expects an attachment (PWK01 " + String.join(" or ", types) + ") for "
                        + line.code() + " and the claim has none; send it and add a PWK segment with its attachment "
                        + "control number");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
