package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "CODE-TOOTH-CLASS",
        summary = "The procedure is for another kind of tooth: D3310/D3320/D3330 root canals, anterior vs posterior resin",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 001 (names D3310 anterior, D3320 premolar, D3330 molar root canal therapy); research "
                + "R-RANGE-001..003 and R-RANGE-005 (Regence direct resin restorations policy: D2330-D2335 anterior, "
                + "D2391-D2394 posterior); Universal/National tooth classes (HL7 ADA Universal Tooth Designation); "
                + "code set column class",
        explanation = "The code set records which class of tooth a code is for: anterior (incisors and canines), "
                + "posterior (premolars and molars), premolar or molar. Root canal therapy is D3310 on an anterior "
                + "tooth, D3320 on a premolar, D3330 on a molar; resin restorations are D2330-D2335 on anterior "
                + "teeth and D2391-D2394 on posterior teeth (retreatment D3346-D3348 likewise). A mismatch is either "
                + "a wrong tooth number or a wrong code; payers deny it. Supernumerary teeth are judged by their "
                + "neighbour and reported by CODE-TOOTH-CLASS-SUPERNUMERARY instead.")
public final class CodeToothClass implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        ToothClassCheck.check(claim, ctx, false);
    }

    /** Only the codes for one class of tooth (in any row of the code set): a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return ToothClassCheck.triggers(ctx);
    }
}
