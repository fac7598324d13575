package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;
import java.util.function.Predicate;

@RuleInfo(
        id = "SAME-TOOTH-EXCLUSIVE",
        summary = "A code the payer will not pay together with another treatment on the same tooth and date",
        severity = Severity.WARNING,
        category = "A8",
        statusCode = "454",
        source = "pack configuration; research R-D1354-007. Defaults codes=D1354 with=D1351,D1352,D2941: Texas "
                + "THSteps denies D1354 with D1351/D1352 on the same tooth and date; Washington Apple Health excludes "
                + "it with an interim therapeutic restoration (D2941) on the same tooth. Alabama Medicaid allows no "
                + "other treatment on that tooth that day (with=any); BCBS Massachusetts none with restorative "
                + "treatment (with=flag:restoration)",
        explanation = "Payers differ on what may be billed on the same tooth the same day as a given code. The pack "
                + "gives codes (the subject codes or flag:NAME entries) and with (the codes or flag:NAME entries that "
                + "exclude them, or any for every other code). Each line of a subject code that shares a tooth and "
                + "date with an excluded line is reported. Check the chart: one of the two is usually not payable, "
                + "and the patient may be billable for it under the plan's rules.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "codes (or flag:NAME) that exclude others on the same tooth and date"),
                @Param(name = "with", type = ParamType.CODES_OR_ANY, defaultValue = "D1351,D1352,D2941",
                        description = "the codes they exclude, or any")})
public final class SameToothExclusive implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");
    private static final List<String> DEFAULT_WITH = List.of("D1351", "D1352", "D2941");
    private static final Predicate<ServiceLine> ANY = l -> !l.code().isEmpty();

    private static Lines.Matchers setup(RuleContext ctx) {
        List<String> subject = ctx.listParam("codes", DEFAULT_CODES);
        List<String> with = ctx.listParam("with", DEFAULT_WITH);
        return new Lines.Matchers(Lines.matcher(ctx, subject), with.contains("any") ? ANY : Lines.matcher(ctx, with));
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Lines.Matchers setup = ctx.memo(SameToothExclusive.class, SameToothExclusive::setup);
        Predicate<ServiceLine> a = setup.first();
        Predicate<ServiceLine> b = setup.second();
        for (Lines.Pair p : Lines.sameToothPairs(claim, a, b)) {
            ServiceLine s = a.test(p.first()) && b.test(p.second()) ? p.first() : p.second();
            ServiceLine o = p.other(s);
            if (s.code().equals(o.code())) {
                continue; // the same code twice is DUPLICATE-LINE's business
            }
            ctx.report(s, s.sv3Segment(), 1, 2, s.code() + " on line " + s.number() + " and " + o.code() + " on line "
                    + o.number() + " are billed for tooth " + p.tooth().designation() + " on the same date, which "
                    + "this payer does not pay together: check which one the chart supports");
        }
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
