package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.LineAdjudication;
import io.toothcomb.model.OtherPayer;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

@RuleInfo(
        id = "COB-BALANCE",
        summary = "Other payer amounts (2320 AMT*D and CAS, 2430 SVD02 and CAS) do not balance to CLM02 or SV302",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "400",
        source = "WEDI SNIP type 3 (balancing), coordination of benefits as ASC X12 states it for the 5010 837: "
                + "RFI 1115 (CLM02 = 2320 AMT*D + the CAS amounts CAS03, 06, 09, 12, 15, 18) and RFI 1294 (CLM02 = "
                + "the prior payer's paid amount + all its adjustment amounts at claim and line level, 2320 and "
                + "2430); RFI 1555 (each 2430 balances to the line charge, SVD02 + its CAS amounts; the 2430 loops of "
                + "one payer on an unbundled line add up together); Stedi claim edit 'COB service lines must be "
                + "balanced' (837D: SV302 = SVD02 + the line's CAS amounts, per prior payer). X12 claim status code "
                + "400 'Claim is out of balance' (code list 508), category A7 (code list 507), the same as "
                + "CLAIM-CHARGE-BALANCE; at line level it is reported on the line (277CA 2220D)",
        explanation = "A claim sent to a secondary or later payer carries what each earlier payer did with it: a 2320 "
                + "loop per other payer (2330B NM109 names it) with its paid amount (AMT*D) and claim-level "
                + "adjustments (CAS), and on each service line a 2430 loop per payer that adjudicated the line "
                + "(SVD01 names the payer, SVD02 is what it paid, CAS its line adjustments). The amounts must add "
                + "up. For each other payer with an AMT*D: CLM02 equals AMT*D plus its 2320 CAS amounts plus the CAS "
                + "amounts of its 2430 loops. For each line and each payer that adjudicated it: SV302 equals that "
                + "payer's SVD02 plus its 2430 CAS amounts (all its 2430 loops on the line together, for a line "
                + "the payer unbundled). Amounts are compared as numbers. An other payer without AMT*D (it did not "
                + "adjudicate the claim) is not balanced at claim level, and a missing or unreadable amount is the "
                + "999's to report. Correct the amounts copied from the earlier payer's remittance and resend.")
public final class CobBalance implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        List<OtherPayer> payers = claim.otherPayers();
        if (payers.isEmpty()) {
            return; // no coordination of benefits: most claims (2430 without 2320 is the guide's to report)
        }
        for (ServiceLine line : claim.lines()) {
            if (!line.adjudications().isEmpty()) {
                checkLine(line, ctx);
            }
        }
        BigDecimal charge = claim.charge();
        if (charge == null) {
            return;
        }
        for (OtherPayer p : payers) {
            if (p.paid() == null) {
                continue;
            }
            BigDecimal claimAdjustments = sum(p.adjustments());
            BigDecimal lineAdjustments = BigDecimal.ZERO;
            for (ServiceLine line : claim.lines()) {
                for (LineAdjudication a : line.adjudications()) {
                    if (a.payerId().equals(p.id())) {
                        lineAdjustments = lineAdjustments.add(sum(a.adjustments()));
                    }
                }
            }
            BigDecimal total = p.paid().add(claimAdjustments).add(lineAdjustments);
            if (charge.compareTo(total) != 0) {
                ctx.report(null, p.paidSegment(), 2, "CLM02 total claim charge " + plain(charge) + " is not what other "
                        + "payer " + p.id() + " paid (AMT*D " + plain(p.paid()) + ") plus its claim adjustments (2320 CAS "
                        + plain(claimAdjustments) + ") plus its line adjustments (2430 CAS " + plain(lineAdjustments)
                        + "), " + plain(total) + " (out by " + plain(charge.subtract(total).abs()) + "): correct the "
                        + "amounts taken from that payer's remittance");
            }
        }
    }

    /** SV302 against each payer's 2430 loops on the line, one payer at a time in the order they first appear. */
    private static void checkLine(ServiceLine line, RuleContext ctx) {
        BigDecimal charge = line.charge();
        if (charge == null) {
            return;
        }
        List<LineAdjudication> adjs = line.adjudications();
        for (int i = 0; i < adjs.size(); i++) {
            LineAdjudication first = adjs.get(i);
            if (seenBefore(adjs, i)) {
                continue;
            }
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal adjusted = BigDecimal.ZERO;
            int loops = 0;
            boolean readable = true;
            for (int j = i; j < adjs.size(); j++) {
                LineAdjudication a = adjs.get(j);
                if (!a.payerId().equals(first.payerId())) {
                    continue;
                }
                loops++;
                if (a.paid() == null) {
                    readable = false;
                    break;
                }
                paid = paid.add(a.paid());
                adjusted = adjusted.add(sum(a.adjustments()));
            }
            if (!readable) {
                continue; // the 999 reports SVD02
            }
            BigDecimal total = paid.add(adjusted);
            if (charge.compareTo(total) != 0) {
                ctx.report(line, first.segment(), 2, "line " + line.number() + ": SV302 line charge " + plain(charge)
                        + " is not what other payer " + first.payerId() + " paid (SVD02 " + plain(paid)
                        + (loops > 1 ? ", " + loops + " 2430 loops" : "") + ") plus its line adjustments (CAS "
                        + plain(adjusted) + "), " + plain(total) + " (out by " + plain(charge.subtract(total).abs())
                        + "): correct the amounts taken from that payer's remittance");
            }
        }
    }

    private static boolean seenBefore(List<LineAdjudication> adjs, int i) {
        String id = adjs.get(i).payerId();
        for (int k = 0; k < i; k++) {
            if (adjs.get(k).payerId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal a : amounts) {
            s = s.add(a);
        }
        return s;
    }

    private static String plain(BigDecimal v) {
        return v.setScale(Math.max(2, v.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
