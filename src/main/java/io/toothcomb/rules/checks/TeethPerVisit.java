package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.Narrative;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

@RuleInfo(
        id = "TEETH-PER-VISIT",
        summary = "More teeth treated with the code on one date than the payer allows without documentation",
        severity = Severity.WARNING,
        category = "A6",
        statusCode = "669",
        source = "pack configuration; research R-D1354-010. Defaults codes=D1354 max=5: NY Medicaid D1354 policy via "
                + "EmblemHealth (5 teeth per date of service; more needs documentation submitted with the claim)",
        explanation = "Some payers cap how many teeth one visit may bill for a code unless the claim carries "
                + "documentation. The pack gives codes (codes or flag:NAME entries) and max (distinct teeth per date "
                + "of service). When the count is exceeded and the claim has neither an NTE*ADD narrative nor a PWK "
                + "attachment, the first line over the cap is reported. Add a narrative explaining why so many teeth "
                + "were treated, or attach the chart.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "codes (or flag:NAME) counted per date of service"),
                @Param(name = "max", type = ParamType.INT, defaultValue = "5", min = 1, max = 32,
                        description = "most teeth per date of service")})
public final class TeethPerVisit implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");

    private record Setup(Predicate<ServiceLine> codes, int max) {
    }

    private static Setup setup(RuleContext ctx) {
        Predicate<ServiceLine> codes = Lines.matcher(ctx, ctx.listParam("codes", DEFAULT_CODES));
        return new Setup(codes, ctx.intParam("max", 5));
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (!claim.attachments().isEmpty()) {
            return;
        }
        for (Narrative n : claim.narratives()) {
            if ("ADD".equals(n.type()) && n.text() != null && !n.text().isBlank()) {
                return;
            }
        }
        Setup setup = ctx.memo(TeethPerVisit.class, TeethPerVisit::setup);
        Predicate<ServiceLine> codes = setup.codes();
        int max = setup.max();
        Map<Object, Set<String>> byDate = null;
        Set<Object> reported = null;
        for (ServiceLine line : claim.lines()) {
            if (!codes.test(line)) {
                continue;
            }
            if (byDate == null) {
                byDate = new HashMap<>();
                reported = new java.util.HashSet<>();
            }
            LocalDate d = line.serviceDate();
            Object key = d == null ? "none" : d;
            Set<String> teeth = byDate.computeIfAbsent(key, k -> new LinkedHashSet<>());
            teeth.addAll(Lines.designations(line));
            if (teeth.size() > max && reported.add(key)) {
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on " + Lines.describe(line) + " brings the "
                        + "teeth treated on one date to " + teeth.size() + ", more than the " + max + " this payer "
                        + "pays without documentation: add an NTE*ADD narrative explaining the need, or a PWK "
                        + "attachment");
            }
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
