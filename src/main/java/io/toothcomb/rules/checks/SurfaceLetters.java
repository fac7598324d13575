package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;
import java.util.Locale;

@RuleInfo(
        id = "SURFACE-LETTERS",
        summary = "TOO03 has a letter that is not a surface code, or the same surface twice",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "240",
        source = "research R-SURF-004; X12 element 1369 tooth surface codes (B, D, F, I, L, M, O); HL7 "
                + "ADAToothSurfaceCodes",
        explanation = "Each TOO03 component is one surface: M mesial, O occlusal, I incisal, D distal, B buccal, F "
                + "facial, L lingual, in capitals. Anything else (a lower-case letter, V or a run like MOD in one "
                + "component) is rejected by the payer's front end, and a repeated letter inflates the surface "
                + "count. Send each surface once, one per component: TOO*JP*30*M:O:D.")
public final class SurfaceLetters implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            for (Tooth t : line.teeth()) {
                List<String> s = t.surfaces();
                for (int i = 0; i < s.size(); i++) {
                    String v = s.get(i);
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (!Surfaces.valid(v)) {
                        ctx.report(line, t.segment(), 3, i + 1, "surface '" + v + "' on line " + line.number()
                                + " (tooth " + t.designation() + ") is not a surface code: " + why(v));
                    } else if (seenBefore(s, i)) {
                        ctx.report(line, t.segment(), 3, i + 1, "surface " + v + " appears twice on line "
                                + line.number() + " (tooth " + t.designation() + "): send each surface once");
                    }
                }
            }
        }
    }

    /** True when a surface before position {@code i} is {@code s.get(i)} (a valid letter, so that one was too). */
    private static boolean seenBefore(List<String> s, int i) {
        String v = s.get(i);
        for (int k = 0; k < i; k++) {
            if (s.get(k).equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static String why(String v) {
        if (v.length() == 1 && Surfaces.valid(v.toUpperCase(Locale.ROOT))) {
            return "use capitals (" + v.toUpperCase(Locale.ROOT) + ")";
        }
        if (v.length() > 1 && v.chars().allMatch(c -> Surfaces.VALID.indexOf(c) >= 0)) {
            return "one surface per component, e.g. " + String.join(":", v.split(""));
        }
        return "use M, O, I, D, B, F or L";
    }
}
