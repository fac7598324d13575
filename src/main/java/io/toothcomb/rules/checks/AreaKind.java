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
        id = "AREA-KIND",
        summary = "SV304 names a part of the mouth the code rules out: the other arch for a code that names its "
                + "arch, or a quadrant or arch on a code reported per tooth",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "245",
        source = "X12 837D TR3 SV304 note (quoted in OpenDental GetArea: required when the procedure 'refers to "
                + "quadrant or arch and the area of the oral cavity is not uniquely defined ... Do not use this "
                + "element for reporting of individual teeth'); oral cavity codes 01/02 arches, 10/20 upper and "
                + "30/40 lower quadrants (X12 element 1361; research §2); code set columns area and per_tooth",
        explanation = "Some codes name their arch themselves (complete denture, upper D5110; lower D5120): they need "
                + "no SV304, and an SV304 naming the other arch (02, 30 or 40 on an upper denture) contradicts the "
                + "code. A code reported per tooth names its tooth in TOO; the guide says SV304 is not for "
                + "individual teeth, so a quadrant or arch there is a second, possibly conflicting, location. Fix the "
                + "code or remove SV304. Values outside the guide's list (00, 01, 02, 09, 10, 20, 30, 40) are "
                + "rejected in the 999 already; a quadrant code with an arch, or the reverse, is AREA-REQUIRED's; a "
                + "tooth outside the area is AREA-TOOTH-MISMATCH's.")
public final class AreaKind implements Rule {
    private static final List<String> UPPER = List.of("01", "10", "20");
    private static final List<String> LOWER = List.of("02", "30", "40");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (line.areas().isEmpty()) {
                continue;
            }
            CodeInfo info = Lines.info(ctx, line);
            if (info == null) {
                continue;
            }
            for (String a : line.areas()) {
                String problem = null;
                if (info.area() == CodeInfo.Area.UPPER && LOWER.contains(a)) {
                    problem = "is for the upper arch, but SV304 is " + a + " (lower): remove SV304 or correct the code";
                } else if (info.area() == CodeInfo.Area.LOWER && UPPER.contains(a)) {
                    problem = "is for the lower arch, but SV304 is " + a + " (upper): remove SV304 or correct the code";
                } else if (info.perTooth() && info.area() == CodeInfo.Area.NONE
                        && (UPPER.contains(a) || LOWER.contains(a))) {
                    problem = "is reported per tooth (TOO), but SV304 names area " + a + ": the guide keeps SV304 for "
                            + "codes by quadrant or arch, so remove it";
                }
                if (problem != null) {
                    ctx.report(line, line.sv3Segment(), 4, 0, line.code() + " (" + info.label() + ") on line "
                            + line.number() + " " + problem);
                    break;
                }
            }
        }
    }
}
