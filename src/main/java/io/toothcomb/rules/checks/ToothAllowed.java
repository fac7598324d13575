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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

@RuleInfo(
        id = "TOOTH-ALLOWED",
        summary = "The code is billed on a tooth the payer does not cover it for",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "pack configuration; research R-D1354-011. Defaults codes=D1354 teeth=A-T,3,14,19,30: Texas "
                + "THSteps Medicaid D1354 policy (eff. 2023-09-01, Capline newsletter; Texas HHS THSteps dental "
                + "page)",
        explanation = "Some payers cover a code on listed teeth only (Texas Medicaid pays silver diamine fluoride on "
                + "primary teeth and the permanent first molars only). The pack gives codes (codes or flag:NAME "
                + "entries) and teeth: designations and ranges such as A-T or 1-32. Lines of those codes on another "
                + "tooth are reported: check the tooth number; if it is right, the service is not covered on that "
                + "tooth.",
        params = {
                @Param(name = "codes", type = ParamType.CODES, defaultValue = "D1354",
                        description = "codes (or flag:NAME) limited to some teeth"),
                @Param(name = "teeth", type = ParamType.TEETH, defaultValue = "A-T,3,14,19,30",
                        description = "the teeth allowed")})
public final class ToothAllowed implements Rule {
    private static final List<String> DEFAULT_CODES = List.of("D1354");
    private static final List<String> DEFAULT_TEETH = List.of("A-T", "3", "14", "19", "30");

    private record Setup(Predicate<ServiceLine> codes, List<String> spec, Set<String> allowed) {
    }

    private static Setup setup(RuleContext ctx) {
        Predicate<ServiceLine> codes = Lines.matcher(ctx, ctx.listParam("codes", DEFAULT_CODES));
        List<String> spec = ctx.listParam("teeth", DEFAULT_TEETH);
        return new Setup(codes, spec, expand(spec));
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Setup setup = ctx.memo(ToothAllowed.class, ToothAllowed::setup);
        Predicate<ServiceLine> codes = setup.codes();
        List<String> spec = setup.spec();
        Set<String> allowed = setup.allowed();
        for (ServiceLine line : claim.lines()) {
            if (!codes.test(line)) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                if (!t.designation().isEmpty() && t.parsed().valid() && !allowed.contains(t.designation())) {
                    ctx.report(line, t.segment(), 2, 0, line.code() + " on line " + line.number() + " is covered on "
                            + "teeth " + String.join(", ", spec) + " only, and tooth " + t.designation() + " is not "
                            + "one of them: check the tooth number");
                }
            }
        }
    }

    /** One or more ASCII digits (what the regex \\d+ matches). */
    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** "A-T" → A..T, "1-32" → 1..32, anything else as written. */
    static Set<String> expand(List<String> spec) {
        Set<String> out = new HashSet<>();
        for (String s : spec) {
            int dash = s.indexOf('-');
            if (dash <= 0) {
                out.add(s);
                continue;
            }
            String a = s.substring(0, dash);
            String b = s.substring(dash + 1);
            if (allDigits(a) && allDigits(b)) {
                for (int i = Integer.parseInt(a); i <= Integer.parseInt(b); i++) {
                    out.add(Integer.toString(i));
                }
            } else if (a.length() == 1 && b.length() == 1) {
                for (char c = a.charAt(0); c <= b.charAt(0); c++) {
                    out.add(String.valueOf(c));
                }
            } else {
                throw new IllegalArgumentException("teeth range '" + s + "' must be numbers (1-32) or letters (A-T)");
            }
        }
        return out;
    }

    /** Only the pack's codes: a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return ctx.listParam("codes", DEFAULT_CODES);
    }
}
