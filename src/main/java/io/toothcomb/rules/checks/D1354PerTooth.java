package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.math.BigDecimal;
import java.util.List;

@RuleInfo(
        id = "D1354-PER-TOOTH",
        summary = "D1354 billed as a quantity or with several teeth on one line instead of one line per tooth",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "476",
        source = "seed 002 (D1354 is per tooth: 'a claim with one tooth number and a quantity of four ... is "
                + "harder to defend'); research R-D1354-001, R-QTY-001; X12 837D TR3: several TOO only when "
                + "SV306 = 1",
        explanation = "Silver diamine fluoride (D1354) is reported per tooth: one service line per tooth treated, "
                + "quantity (SV306) 1, one TOO segment. A line with quantity 4, or with four TOO segments, is "
                + "denied or paid once. Split it into one line per tooth, each with its share of the charge.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "per-tooth codes checked for quantity and several teeth on a line")})
public final class D1354PerTooth implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        List<String> codes = ctx.listParam("codes", DEFAULT_CODES);
        for (ServiceLine line : claim.lines()) {
            if (!codes.contains(line.code())) {
                continue;
            }
            BigDecimal qty = line.quantityOrOne();
            List<Tooth> teeth = line.teeth();
            if (teeth.size() > 1) {
                String list = Lines.joinDesignations(teeth);
                ctx.report(line, teeth.get(1).segment(), 0, 0, line.code() + " is billed per tooth, but line "
                        + line.number() + " lists " + teeth.size() + " teeth (" + list + "): split it into "
                        + teeth.size() + " lines, one TOO each, SV306 = 1, and divide the charge between them");
            } else if (qty.compareTo(BigDecimal.ONE) > 0) {
                String n = qty.stripTrailingZeros().toPlainString();
                String tooth = teeth.isEmpty() ? "no tooth" : "tooth " + teeth.get(0).designation();
                ctx.report(line, line.sv3Segment(), 6, 0, line.code() + " is billed per tooth, but line "
                        + line.number() + " has quantity " + n + " for " + tooth + ": send one line per tooth "
                        + "treated, each with SV306 = 1 and its own TOO (or set SV306 to 1 if one tooth was treated)");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
