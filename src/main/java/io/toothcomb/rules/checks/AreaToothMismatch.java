package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@RuleInfo(
        id = "AREA-TOOTH-MISMATCH",
        summary = "A tooth on the line lies outside the quadrant or arch named in SV304",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "245",
        source = "research R-AREA-004 and §2 (quadrants 10: 1-8/A-E, 20: 9-16/F-J, 30: 17-24/K-O, 40: 25-32/P-T; "
                + "arches 01: 1-16/A-J, 02: 17-32/K-T; supernumerary teeth follow their neighbour); X12 element 1361",
        explanation = "When a line names both an area (SV304) and teeth (TOO), every tooth must lie in that area: "
                + "SV304 = 10 (upper right) with tooth 14 (upper left) means either the quadrant or the tooth is "
                + "wrong, and the payer cannot tell which part of the mouth was treated. Correct the one that does "
                + "not match the chart. Only quadrant (10-40) and arch (01, 02) codes are checked.")
public final class AreaToothMismatch implements Rule {
    private static final Map<String, String> NAMES = Map.of("10", "upper right quadrant", "20", "upper left quadrant",
            "30", "lower left quadrant", "40", "lower right quadrant", "01", "upper arch", "02", "lower arch");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (line.areas().isEmpty()) {
                continue;
            }
            List<String> areas = new ArrayList<>(line.areas().size());
            for (String a : line.areas()) {
                if (NAMES.containsKey(a)) {
                    areas.add(a);
                }
            }
            if (areas.isEmpty()) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                ToothDesignation d = t.parsed();
                if (!d.valid() || areas.contains(d.quadrant()) || areas.contains(d.arch())) {
                    continue;
                }
                String named = String.join(" / ", areas.stream().map(a -> a + " " + NAMES.get(a)).toList());
                ctx.report(line, t.segment(), 2, 0, Lines.tooth(d) + " on line " + line.number() + " (" + line.code()
                        + ") is in the " + NAMES.get(d.quadrant()) + " (" + d.quadrant() + "), not in SV304 " + named
                        + ": correct the tooth or the area code");
            }
        }
    }
}
