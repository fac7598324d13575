package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "APEX-SEQUENCE",
        summary = "D3352 or D3353 for a tooth with no D3351 (first apexification visit) for it on the claim",
        severity = Severity.WARNING,
        category = "A8",
        statusCode = "454",
        source = "seed 001 ('Apply proper CDT code order: D3351 for initial treatment, D3352 for each medication "
                + "renewal, and D3353 for final sealing'; D3352 'excludes the first medication placement (refer to "
                + "D3351)'); research R-APEX-002, R-APEX-003",
        explanation = "Apexification runs D3351 (first visit), then D3352 (each medication replacement), then D3353 "
                + "(final visit). An interim or final visit for a tooth with no first visit makes the payer look for "
                + "the D3351 in its history; if it was never billed, the first visit may have been coded as D3352. "
                + "This rule looks only at the claim itself (a D3351 for the tooth on the same or an earlier date "
                + "satisfies it), so it warns: the first visit may be on an earlier claim. Cross-file history is a "
                + "separate check.")
public final class ApexSequence implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            if (!Lines.hasFlag(ctx, line, "apex_interim") && !Lines.hasFlag(ctx, line, "apex_final")) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                if (t.designation().isEmpty() || hasInitial(claim, ctx, line, t.designation())) {
                    continue;
                }
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + " on line " + line.number() + " continues "
                        + "apexification of tooth " + t.designation() + ", but the claim has no D3351 (first visit) "
                        + "for that tooth: make sure the first visit was billed on an earlier claim, or code this "
                        + "visit as D3351 if it was the first");
                break;
            }
        }
    }

    private static boolean hasInitial(Claim claim, RuleContext ctx, ServiceLine line, String tooth) {
        for (ServiceLine l : claim.lines()) {
            if (l == line || !Lines.hasFlag(ctx, l, "apex_initial")) {
                continue;
            }
            boolean notLater = l.serviceDate() == null || line.serviceDate() == null
                    || !l.serviceDate().isAfter(line.serviceDate());
            if (notLater && Lines.designations(l).contains(tooth)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> triggers(RuleContext ctx) {
        return List.of("flag:apex_interim", "flag:apex_final");
    }
}
