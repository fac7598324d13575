package io.toothcomb.rules.checks;

import io.toothcomb.model.Attachment;
import io.toothcomb.model.Claim;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "PWK-CONTROL-NUMBER",
        summary = "A PWK sent by mail, fax, e-mail, file transfer or electronically has no attachment control number",
        severity = Severity.ERROR,
        category = "A6",
        statusCode = "489",
        source = "X12 837 PWK: PWK05 = AC and PWK06 are required when PWK02 is BM, EL, EM, FX (and FT in 5010); "
                + "research R-PWK-001 (eedi.net 837 4010 PWK notes); x12.org 005010X224 example "
                + "PWK*OZ*EL***AC*NEA123456798",
        explanation = "When an attachment travels separately from the claim (PWK02 BM by mail, EL electronically, EM "
                + "e-mail, FX fax, FT file transfer), the payer matches it to the claim by the attachment control "
                + "number: PWK05 must be AC and PWK06 the number printed on, or assigned to, the attachment. Without "
                + "it the attachment cannot be found and the claim is pended or denied. PWK02 = AA (available on "
                + "request at the provider) needs no number. Parameter transmissions overrides the list.",
        params = {
                @Param(name = "transmissions", type = ParamType.X12_CODES, defaultValue = "BM,EL,EM,FX,FT",
                        description = "PWK02 transmission codes that need PWK05 = AC and PWK06")})
public final class PwkControlNumber implements Rule {
    private static final List<String> DEFAULT_TRANSMISSIONS = List.of("BM", "EL", "EM", "FX", "FT");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (claim.attachments().isEmpty()) {
            return;
        }
        List<String> needing = ctx.listParam("transmissions", DEFAULT_TRANSMISSIONS);
        int n = 0;
        for (Attachment a : claim.attachments()) {
            n++;
            if (!needing.contains(a.transmission())) {
                continue;
            }
            String which = "PWK " + n + " (report type " + a.reportType() + ", sent " + a.transmission() + ")";
            if (!"AC".equals(a.idQualifier())) {
                ctx.report(null, a.segment(), 5, 0, which + " needs PWK05 = AC"
                        + (a.idQualifier().isEmpty() ? "" : " (not '" + a.idQualifier() + "')")
                        + " followed by the attachment control number in PWK06, so the payer can match the attachment");
            } else if (a.controlNumber() == null || a.controlNumber().isBlank()) {
                ctx.report(null, a.segment(), 6, 0, which + " has no attachment control number: put the number "
                        + "given to the attachment in PWK06");
            }
        }
    }
}
