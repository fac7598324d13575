package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

@RuleInfo(
        id = "APEX-TWO-CODES-SAME-TOOTH",
        summary = "More than one apexification visit (D3351/D3352/D3353) billed for one tooth on one date",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 001 ('D3351 for initial treatment, D3352 for each medication renewal, and D3353 for final "
                + "sealing'; D3352 'applies to each medication renewal appointment'); research R-APEX-007",
        explanation = "Each apexification code describes one visit: the first (D3351), an interim medication "
                + "replacement (D3352) or the final visit (D3353). Two of them on the same tooth and date, or one "
                + "with quantity above 1, bill one appointment as two. Keep the code for the visit that took place; "
                + "bill later visits on their own dates.")
public final class ApexTwoCodesSameTooth implements Rule {
    private static final List<String> APEX = List.of("flag:apexification");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Predicate<ServiceLine> apex = ctx.memo(ApexTwoCodesSameTooth.class, c -> Lines.matcher(c, APEX));
        Set<ServiceLine> reported = Set.of();
        for (Lines.Pair p : Lines.sameToothPairs(claim, apex, apex)) {
            if (reported.isEmpty()) {
                reported = new HashSet<>();
            }
            if (!apex.test(p.first()) || !apex.test(p.second()) || !reported.add(p.second())) {
                continue;
            }
            ctx.report(p.second(), p.second().sv3Segment(), 1, 2, p.second().code() + " on line " + p.second().number()
                    + " and " + p.first().code() + " on line " + p.first().number() + " are both apexification visits "
                    + "for tooth " + p.tooth().designation() + " on the same date: bill one code per visit and "
                    + "remove line " + p.second().number());
        }
        for (ServiceLine line : claim.lines()) {
            if (apex.test(line) && !reported.contains(line) && line.quantityOrOne().compareTo(BigDecimal.ONE) > 0) {
                ctx.report(line, line.sv3Segment(), 6, 0, line.code() + " on " + Lines.describe(line) + " has quantity "
                        + line.quantityOrOne().stripTrailingZeros().toPlainString() + ", but each apexification "
                        + "code is one visit: set SV306 to 1 and bill other visits on their own dates");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return APEX;
    }
}
