package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "CODE-NOT-IN-FORCE",
        summary = "The CDT code was not in force on the line's date of service (deleted, or not yet added)",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "737",
        source = "research R-CODE-001: D1352 deleted in CDT 2026 for dates of service from 2026-01-01, its work "
                + "reported as D2391 or D1351 (Zeldent and Veritas CDT 2026 summaries, cleardentalbilling D1352 page, "
                + "PracticeAlpha D2391 page); D0601-D0603 added in CDT 2014, D1355 in CDT 2021; code set columns "
                + "from/to/replacement",
        explanation = "Payers adjudicate a line against the CDT version in force on its date of service. A code "
                + "deleted before that date (D1352 on or after 2026-01-01) or added after it (D1355 before 2021) is "
                + "rejected as invalid. The message names what the code set says to report instead. Late and "
                + "corrected claims for 2025 dates may still use D1352. Lines without any date of service are "
                + "not checked.")
public final class CodeNotInForce implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (line.serviceDate() == null) {
                continue;
            }
            if (Lines.info(ctx, line) != null) {
                continue; // in force on its date (the usual case)
            }
            List<CodeInfo> rows = ctx.codes().history(line.code());
            if (rows.isEmpty()) {
                continue;
            }
            CodeInfo before = null;
            CodeInfo after = null;
            for (CodeInfo r : rows) {
                if (r.to() != null && r.to().isBefore(line.serviceDate())) {
                    before = r;
                } else if (after == null && r.from() != null && r.from().isAfter(line.serviceDate())) {
                    after = r;
                }
            }
            String msg;
            if (before != null) {
                msg = line.code() + " on " + Lines.describe(line) + " was deleted from CDT after " + before.to()
                        + ", before this line's date of service"
                        + (before.replacement().isEmpty() ? ": report the current code for the procedure"
                        : ": report " + before.replacement() + " instead");
            } else {
                CodeInfo first = after != null ? after : rows.get(0);
                msg = line.code() + " on " + Lines.describe(line) + " only came into force on " + first.fromText()
                        + ", after this line's date of service: use the code that was in force on that date, or "
                        + "check the date";
            }
            ctx.report(line, line.sv3Segment(), 1, 2, msg);
        }
    }
}
