package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;

@RuleInfo(
        id = "CODE-FORMAT",
        summary = "SV301 is not an ADA CDT code: qualifier other than AD, or a code not shaped D plus four digits",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "454",
        source = "research R-CODE-002; X12 837D SV301-1 = AD (American Dental Association codes), SV301-2 = CDT "
                + "procedure code (Stedi SV3 reference)",
        explanation = "Dental service lines carry SV301-1 = AD and a CDT code in SV301-2: a capital D followed by "
                + "four digits (D2391). A CPT code, a lower-case d, a missing digit or a practice's internal code is "
                + "rejected by the payer's front end. Fix the code in the practice system; the line's other checks "
                + "depend on it.")
public final class CodeFormat implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (line.sv3Segment() == 0) {
                continue;
            }
            if (!"AD".equals(line.codeQualifier())) {
                ctx.report(line, line.sv3Segment(), 1, 1, "line " + line.number() + " has SV301-1 '"
                        + line.codeQualifier() + "': dental procedure codes use AD (ADA CDT)");
            } else if (!line.code().isEmpty() && !Lines.isCdt(line.code())) {
                ctx.report(line, line.sv3Segment(), 1, 2, "line " + line.number() + " has procedure code '"
                        + line.code() + "', which is not a CDT code (a capital D and four digits, e.g. D2391)");
            }
        }
    }
}
