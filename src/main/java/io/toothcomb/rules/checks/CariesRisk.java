package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.Diagnosis;
import io.toothcomb.model.Narrative;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.RuleContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a claim says about the patient's caries risk (D0601-D0603 lines, ICD-10 Z91.84x, NTE*ADD). Not a rule. */
final class CariesRisk {
    private CariesRisk() {
    }

    /** ICD-10-CM risk for dental caries: Z91.841 low, Z91.842 moderate, Z91.843 high (HI codes carry no dot). */
    static final String LOW_DX = "Z91841";
    static final String MODERATE_DX = "Z91842";
    static final String HIGH_DX = "Z91843";

    // "moderate caries risk", "high risk", "CRA: high", "caries risk assessment - high", "risk level moderate"
    private static final Pattern ELEVATED = Pattern.compile(
            "\\b(?:moderate|mod|high|elevated)\\W+(?:\\w+\\W+){0,2}?risk\\b"
                    + "|\\b(?:risk|cra)\\b\\W+(?:\\w+\\W+){0,3}?(?:moderate|high|elevated)\\b");
    private static final Pattern NEGATED = Pattern.compile("\\b(?:not|no|non)\\W+(?:\\w+\\W+){0,1}?(?:moderate|high)");

    static String normalise(String dx) {
        return dx == null ? "" : dx.replace(".", "").trim().toUpperCase(Locale.ROOT);
    }

    /** True when a line is D1352 and the code set has it in force on the line's date (the lines reported on). */
    static boolean hasD1352(Claim claim, RuleContext ctx) {
        for (ServiceLine l : claim.lines()) {
            if (l.code().equals("D1352") && Lines.info(ctx, l) != null) {
                return true;
            }
        }
        return false;
    }

    /** The first line flagged moderate or high risk (D0602/D0603 in the code set), or null. */
    static ServiceLine elevatedLine(Claim claim, RuleContext ctx) {
        for (ServiceLine l : claim.lines()) {
            if (Lines.hasFlag(ctx, l, "moderate_risk") || Lines.hasFlag(ctx, l, "high_risk")) {
                return l;
            }
        }
        return null;
    }

    /** The first line flagged low risk (D0601), or null. */
    static ServiceLine lowLine(Claim claim, RuleContext ctx) {
        for (ServiceLine l : claim.lines()) {
            if (Lines.hasFlag(ctx, l, "low_risk")) {
                return l;
            }
        }
        return null;
    }

    static Diagnosis diagnosis(Claim claim, String... codes) {
        for (Diagnosis d : claim.diagnoses()) {
            String c = normalise(d.code());
            for (String want : codes) {
                if (c.equals(want)) {
                    return d;
                }
            }
        }
        return null;
    }

    /** A 2300 NTE*ADD that states moderate or high caries risk (and does not negate it). */
    static Narrative elevatedNarrative(Claim claim) {
        for (Narrative n : claim.narratives()) {
            if (!"ADD".equals(n.type()) || n.text() == null) {
                continue;
            }
            String t = n.text().toLowerCase(Locale.ROOT);
            if (ELEVATED.matcher(t).find() && !NEGATED.matcher(t).find()) {
                return n;
            }
        }
        return null;
    }
}
