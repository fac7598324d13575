package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
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
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
        id = "ONCE-PER-VISIT",
        summary = "Topical fluoride (D1206/D1208) billed per tooth: with a quantity, several teeth, or twice on one date",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "476",
        source = "seed 002 ('D1206 and D1208 are reported once per visit no matter how many teeth get coated ... "
                + "Posting topical fluoride per tooth overbills it'); research R-D1354-005; code set flag once_per_visit",
        explanation = "Codes the code set flags once_per_visit (fluoride varnish D1206, other topical fluoride D1208) "
                + "cover the whole mouth at one visit: one line per date of service, quantity (SV306) 1, no tooth "
                + "list. A quantity above 1, several TOO segments, or a second line on the same date bills the same "
                + "application several times. Send one line. (A single stray TOO on such a line is reported by "
                + "TOOTH-ON-WHOLE-MOUTH-CODE.) Parameter codes replaces the flag with an explicit list.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "",
                        description = "codes reported once per visit (default: the code set flag once_per_visit)")})
public final class OncePerVisit implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        List<String> codes = ctx.listParam("codes", List.of());
        List<ServiceLine> seen = null;
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            boolean applies = codes.isEmpty() ? info != null && info.has("once_per_visit") : codes.contains(line.code());
            if (!applies) {
                continue;
            }
            ServiceLine earlier = null;
            if (seen == null) {
                seen = new ArrayList<>(2);
            }
            for (ServiceLine s : seen) {
                if (s.code().equals(line.code()) && Lines.sameDate(s, line)) {
                    earlier = s;
                    break;
                }
            }
            seen.add(line);
            if (earlier != null) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " is reported once per visit, but line "
                        + line.number() + " repeats line " + earlier.number() + " on the same date: delete line "
                        + line.number() + " (one line covers the whole mouth)");
                continue;
            }
            List<Tooth> teeth = line.teeth();
            if (teeth.size() > 1) {
                String list = Lines.joinDesignations(teeth);
                ctx.report(line, teeth.get(1).segment(), 0, 0, line.code() + " is a whole-mouth service reported once "
                        + "per visit, but line " + line.number() + " lists " + teeth.size() + " teeth (" + list
                        + "): remove the TOO segments and bill it once");
            } else if (line.quantityOrOne().compareTo(BigDecimal.ONE) > 0) {
                ctx.report(line, line.sv3Segment(), 6, 0, line.code() + " is reported once per visit, but line "
                        + line.number() + " has quantity " + line.quantityOrOne().stripTrailingZeros().toPlainString()
                        + ": set SV306 to 1 (the fee covers every tooth treated)");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        List<String> codes = ctx.listParam("codes", List.of());
        return codes.isEmpty() ? List.of("flag:once_per_visit") : codes;
    }
}
