package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "CODE-TOOTH-CLASS-SUPERNUMERARY",
        summary = "A supernumerary tooth does not fit the procedure's tooth class, judged by its neighbouring tooth",
        severity = Severity.WARNING,
        category = "A8",
        statusCode = "454",
        source = "research R-RANGE-006 (supernumerary teeth: classify by the adjacent tooth, n - 50 or the letter "
                + "without S, and warn rather than reject); Oklahoma Health Care Authority tooth numbering; "
                + "supernumeraryteeth.com numbering guide",
        explanation = "A supernumerary tooth (51-82, AS-TS) has no class of its own; toothcomb judges it by the "
                + "tooth it is numbered after (64 by 14, DS by D). A supernumerary tooth may be shaped like either "
                + "neighbour, so a mismatch with the code's class (see CODE-TOOTH-CLASS) is a warning: check the "
                + "chart, and expect the payer to ask for a narrative.")
public final class CodeToothClassSupernumerary implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        ToothClassCheck.check(claim, ctx, true);
    }

    /** Only the codes for one class of tooth (in any row of the code set): a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return ToothClassCheck.triggers(ctx);
    }
}
