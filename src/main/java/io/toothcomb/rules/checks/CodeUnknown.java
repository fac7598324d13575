package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;

@RuleInfo(
        id = "CODE-UNKNOWN",
        summary = "A code shaped like a CDT code (D and four digits) that no CDT version in force on the date of "
                + "service has",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "737",
        source = "research R-CODE-001 (validate the code against the CDT version in force on the date of service); "
                + "toothcomb code set cdt-codes.tsv and its '# complete:' line",
        explanation = "A payer adjudicates a line against the CDT version in force on its date of service, and "
                + "rejects a code that version does not have. When the code set says it lists every CDT code in "
                + "force on the line's date (its '# complete: FIRST LAST' line), a well-formed code it does not have "
                + "is an error: check the code in the CDT manual. When it does not say so (the bundled set lists the "
                + "codes toothcomb's rules name, not yet the whole manual), the code may be valid and the finding is "
                + "a warning: the code-driven checks (tooth required, surfaces, area required, quantity) could not "
                + "run on that line; the checks that need no code (tooth and surface letters, the tooth against the "
                + "area, the patient's age against the tooth) still ran. Add a row with --codes to check it fully. "
                + "A code the set has but not on that date is CODE-NOT-IN-FORCE's; a code not shaped D and four "
                + "digits is CODE-FORMAT's.")
public final class CodeUnknown implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (!Lines.isCdt(line.code()) || ctx.codes().knows(line.code())) {
                continue;
            }
            if (ctx.codes().complete(line.serviceDate())) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on line " + line.number() + " is not a "
                        + "CDT code in force on " + line.serviceDate() + ": check the code in the CDT manual for that "
                        + "date");
            } else {
                ctx.reportAtMost(Severity.WARNING, line, line.sv3Segment(), 1, 2, line.code() + " on line "
                        + line.number() + " is not in toothcomb's code set, so its tooth-required, surface-count, "
                        + "area-required and quantity checks were skipped: confirm the code in the current CDT manual, "
                        + "or add it with --codes");
            }
        }
    }
}
