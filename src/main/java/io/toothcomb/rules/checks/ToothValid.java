package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;

@RuleInfo(
        id = "TOOTH-VALID",
        summary = "Tooth designation is not a valid Universal/National tooth number",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "244",
        source = "research R-TOOTH-002: Oklahoma Health Care Authority tooth numbering policy; supernumerary "
                + "numbering 51-82 and AS-TS; DentalXChange rejects tooth fields longer than 2 characters; X12 TOO01 "
                + "code JP",
        explanation = "TOO01 must be JP (Universal/National Tooth Designation System) and TOO02 one of 1-32 "
                + "(permanent), A-T (primary), 51-82 (supernumerary permanent: neighbour + 50) or AS-TS "
                + "(supernumerary primary: neighbour letter + S), with no leading zero.")
public final class ToothValid implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            for (Tooth t : line.teeth()) {
                if (!t.system().equals("JP")) {
                    ctx.report(line, t.segment(), 1, 0, "TOO01 is '" + t.system()
                            + "'; dental claims use JP (Universal/National tooth designation)");
                }
                String d = t.designation();
                if (d.isEmpty()) {
                    continue;
                }
                ToothDesignation parsed = ToothDesignation.parse(d);
                if (!parsed.valid()) {
                    ctx.report(line, t.segment(), 2, 0, "tooth '" + d + "' on line " + line.number()
                            + " is not a valid tooth designation: " + why(d));
                }
            }
        }
    }

    private static String why(String d) {
        if (d.length() > 1 && d.charAt(0) == '0') {
            String fixed = d.replaceFirst("^0+", "");
            return "no leading zero" + (fixed.isEmpty() ? "" : " (write " + fixed + ")");
        }
        if (d.length() > 2) {
            return "one tooth per TOO segment (at most 2 characters); send several TOO segments or lines";
        }
        if (d.chars().allMatch(Character::isDigit)) {
            return "permanent teeth are 1-32 and supernumerary permanent teeth 51-82";
        }
        if (!d.equals(d.toUpperCase(java.util.Locale.ROOT))) {
            return "use capital letters (A-T, AS-TS)";
        }
        return "primary teeth are A-T and supernumerary primary teeth AS-TS";
    }
}
