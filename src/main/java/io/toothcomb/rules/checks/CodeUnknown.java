package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;

@RuleInfo(
        id = "CODE-UNKNOWN",
        summary = "A well-formed CDT code toothcomb's code set does not know (its other checks cannot run)",
        severity = Severity.WARNING,
        category = "A7",
        statusCode = "737",
        source = "research R-CODE-001 (validate the code against the CDT version in force); toothcomb code set "
                + "cdt-codes.tsv",
        explanation = "toothcomb's code set covers the codes its rules need, not the whole CDT manual. A code it does "
                + "not know may be valid, but none of the code-driven checks (tooth, surfaces, area, dates in force) "
                + "ran on that line. Check the code against the current CDT manual; if it is valid, add it to "
                + "cdt-codes.tsv with its attributes.")
public final class CodeUnknown implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (Lines.isCdt(line.code()) && !ctx.codes().knows(line.code())) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on line " + line.number() + " is not in "
                        + "toothcomb's code set, so its tooth, surface and date checks were skipped: confirm the code "
                        + "in the current CDT manual");
            }
        }
    }
}
