package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.math.BigDecimal;

@RuleInfo(
        id = "CLAIM-CHARGE-BALANCE",
        summary = "CLM02 total claim charge is not the sum of the claim's SV302 line charges",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "400",
        source = "WEDI SNIP type 3 (balancing): CLM02 must equal the sum of the SV302 line item charges "
                + "(shared/domain x12-837d-277ca-999.md section 6); X12 claim status code 400 'Claim is out of "
                + "balance' (code list 508, as transcribed in OpenDental X277.cs; 178 'Submitted charges' names the "
                + "field, not the imbalance), category A7 rejected for invalid information (code list 507)",
        explanation = "The 837D total claim charge (CLM02) is the sum of the claim's service line charges (SV302). A "
                + "claim whose total and lines disagree is out of balance: the payer cannot tell which amount is "
                + "right and returns it unprocessed. Amounts are compared as numbers (150 equals 150.00). Correct "
                + "CLM02 or the line charge that is wrong, and resend. A claim with a missing or unreadable charge is "
                + "not checked here: the 999 already reports the element.")
public final class ClaimChargeBalance implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        BigDecimal total = claim.charge();
        if (total == null || claim.lines().isEmpty()) {
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (ServiceLine line : claim.lines()) {
            if (line.charge() == null) {
                return;
            }
            sum = sum.add(line.charge());
        }
        if (total.compareTo(sum) != 0) {
            int n = claim.lines().size();
            ctx.report(null, claim.segment(), 2, 0, "CLM02 total claim charge " + plain(total) + " is not the sum of "
                    + "the " + n + (n == 1 ? " line charge (SV302) " : " line charges (SV302) ") + plain(sum)
                    + " (out by " + plain(total.subtract(sum).abs()) + "): correct CLM02 or the wrong line charge");
        }
    }

    private static String plain(BigDecimal v) {
        return v.setScale(Math.max(2, v.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
