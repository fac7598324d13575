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
        id = "AREA-REQUIRED",
        summary = "A procedure reported by quadrant or arch has no quadrant/arch code in SV304",
        severity = Severity.ERROR,
        category = "A6",
        statusCode = "245",
        source = "X12 837D TR3 SV304 note (quoted in OpenDental GetArea: 'Required when the nomenclature ... refers "
                + "to quadrant or arch'); research R-AREA-001; oral cavity codes 10/20/30/40 quadrants, 01/02 "
                + "arches (X12 element 1361); code set column area",
        explanation = "Codes the code set marks by quadrant (scaling and root planing D4341/D4342) need SV304 = 10 "
                + "upper right, 20 upper left, 30 lower left or 40 lower right; codes by arch (complete dentures "
                + "D5110/D5120) need 01 maxillary or 02 mandibular. Without it the payer cannot tell which part of "
                + "the mouth was treated, and frequency limits per quadrant cannot be applied. Add the code in SV304, "
                + "e.g. SV3*AD:D4341*220*11*10.")
public final class AreaRequired implements Rule {
    static final List<String> QUADRANTS = List.of("10", "20", "30", "40");
    static final List<String> ARCHES = List.of("01", "02");

    /** The non-empty areas, in order. */
    static List<String> nonEmpty(List<String> areas) {
        List<String> out = new java.util.ArrayList<>(areas.size());
        for (String a : areas) {
            if (!a.isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean noneIn(List<String> sent, List<String> allowed) {
        for (String a : sent) {
            if (allowed.contains(a)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !applies(info)) {
                continue;
            }
            boolean quadrant = info.area() == CodeInfo.Area.QUADRANT;
            List<String> allowed = quadrant ? QUADRANTS : ARCHES;
            String what = quadrant ? "quadrant (10 UR, 20 UL, 30 LL, 40 LR)" : "arch (01 upper, 02 lower)";
            List<String> sent = nonEmpty(line.areas());
            if (sent.isEmpty()) {
                ctx.report(line, line.sv3Segment(), 4, 0, line.code() + " (" + info.label() + ") on line "
                        + line.number() + " is reported by " + (quadrant ? "quadrant" : "arch")
                        + ", but SV304 is empty: add the " + what);
            } else if (noneIn(sent, allowed)) {
                ctx.report(line, line.sv3Segment(), 4, 0, line.code() + " (" + info.label() + ") on line "
                        + line.number() + " is reported by " + (quadrant ? "quadrant" : "arch") + ", but SV304 is "
                        + String.join(":", sent) + ": send the " + what);
            }
        }
    }

    /** Only the codes reported by quadrant or arch (in any row of the code set): a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return Lines.codesWhere(ctx, AreaRequired::applies);
    }

    /** A code reported by quadrant or by arch: the lines this rule looks at, and so the codes that trigger it. */
    private static boolean applies(CodeInfo info) {
        return info.area() == CodeInfo.Area.QUADRANT || info.area() == CodeInfo.Area.ARCH;
    }
}
