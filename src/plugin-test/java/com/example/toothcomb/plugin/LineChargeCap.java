package com.example.toothcomb.plugin;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.math.BigDecimal;

/**
 * A plugin rule as a clearinghouse would write one for a payer of its own: a service line charging more than
 * the payer accepts on one line is most often a keying error (12500 for 125.00). It lives outside toothcomb's
 * packages, is named in META-INF/services/io.toothcomb.rules.Rule, and is compiled against toothcomb's classes
 * alone (PluginRuleTest), so it can only use what a plugin author sees.
 */
@RuleInfo(
        id = "LINE-CHARGE-CAP",
        summary = "A service line charging more than the payer accepts on one line",
        severity = Severity.WARNING,
        category = "A7",
        statusCode = "178",
        source = "example plugin (src/plugin-test): a payer's own per-line charge limit",
        explanation = "Some payers hold a line whose charge is above a limit for review; most such lines are a "
                + "misplaced decimal point. Check SV302 against the fee schedule.",
        params = {
                @Param(name = "max", type = ParamType.INT, defaultValue = "10000", min = 1, max = 1_000_000,
                        description = "the largest charge in whole dollars one line may carry")})
public final class LineChargeCap implements Rule {
    @Override
    public void check(Claim claim, RuleContext ctx) {
        BigDecimal max = BigDecimal.valueOf(ctx.intParam("max", 10000));
        for (ServiceLine line : claim.lines()) {
            if (line.charge() != null && line.charge().compareTo(max) > 0) {
                ctx.report(line, line.sv3Segment(), 2, 0, "line " + line.number() + " (" + line.code()
                        + ") charges " + line.charge().toPlainString() + ", over the " + max.toPlainString()
                        + " this payer accepts on one line: check SV302 for a misplaced decimal point");
            }
        }
    }
}
