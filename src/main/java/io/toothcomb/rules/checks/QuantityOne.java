package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

@RuleInfo(
        id = "QUANTITY-ONE",
        summary = "A quantity above one on a code billed once per line (per tooth, per quadrant, per arch or per visit)",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "476",
        source = "research R-QTY-001 (per-tooth codes carry quantity 1, one tooth per line; seed 002); X12 837D "
                + "SV306 procedure count (Stedi SV3 reference); OpenDental's pre-send check 'unit quantity must be 1 "
                + "since area is tooth range'; code set column quantity (one, units, any)",
        explanation = "SV306 counts how many times the procedure was done on the line. For a code billed per tooth, "
                + "per quadrant, per arch or once per visit (code set quantity = one) the line already says where it "
                + "was done, so a quantity of 2 bills the same tooth or quadrant twice: an extraction D7140 on tooth "
                + "30 with quantity 2 is denied or paid once. Send one line per tooth or area with SV306 = 1. Codes "
                + "that count units (quantity = units: time units such as each 15 minutes of anaesthesia, or each "
                + "additional x-ray D0230) may carry any quantity. Codes in `except` are left to the rules that "
                + "already report their quantity (D1354-PER-TOOTH, ONCE-PER-VISIT), so one mistake gives one "
                + "finding.",
        params = {
                @Param(name = "except", type = ParamType.CODES,
                        defaultValue = "D1351,D1352,D1354,D1355,flag:once_per_visit",
                        description = "codes (or flag:NAME) not checked here because another rule reports their "
                                + "quantity")})
public final class QuantityOne implements Rule {
    private static final List<String> DEFAULT_EXCEPT = List.of("D1351", "D1352", "D1354", "D1355",
            "flag:once_per_visit");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        Predicate<ServiceLine> except = null;
        for (ServiceLine line : claim.lines()) {
            BigDecimal qty = line.quantity();
            if (qty == null || qty.compareTo(BigDecimal.ONE) <= 0) {
                continue;
            }
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || info.quantity() != CodeInfo.Quantity.ONE) {
                continue;
            }
            if (except == null) {
                except = Lines.matcher(ctx, ctx.listParam("except", DEFAULT_EXCEPT));
            }
            if (except.test(line)) {
                continue;
            }
            String where = info.perTooth() ? "per tooth"
                    : info.area() == CodeInfo.Area.QUADRANT ? "per quadrant"
                    : info.area() == CodeInfo.Area.ARCH || info.area() == CodeInfo.Area.UPPER
                    || info.area() == CodeInfo.Area.LOWER ? "per arch" : "once per line";
            ctx.report(line, line.sv3Segment(), 6, 0, line.code() + " (" + info.label() + ") is billed " + where
                    + ", but line " + line.number() + " has quantity " + qty.stripTrailingZeros().toPlainString()
                    + ": send one line for each " + (info.perTooth() ? "tooth" : "service") + " with SV306 = 1");
        }
    }
}
