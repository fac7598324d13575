package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "TOOTH-DENTITION",
        summary = "A procedure for permanent teeth is billed on a primary tooth, or the other way round",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "454",
        source = "seed 000 (D1352 'is for permanent teeth only. Billing it for a primary tooth will result in a "
                + "denial'); seeds 001 and 003 (apexification D3351-D3353 on immature permanent teeth); research "
                + "R-D1352-001, R-APEX-001, R-RANGE-004; Ohio Administrative Code 5101:3-5-06 (endodontic therapy "
                + "on permanent teeth only); code set column dentition",
        explanation = "The code set records which dentition each code is for. D1352 (preventive resin "
                + "restoration), root canal therapy D3310-D3330, retreatment and apexification D3351-D3353 are for "
                + "permanent teeth (1-32, supernumerary 51-82); a primary tooth (A-T, supernumerary AS-TS) takes "
                + "other codes (a sealant D1351, pulpal therapy D3230/D3240, pulpotomy D3220). Codes for primary "
                + "teeth only (stainless steel crown D2930, interim therapeutic restoration D2941) on a permanent "
                + "tooth are wrong the other way. Check the tooth number first: a typo (A for 3) is common; if the "
                + "tooth is right, change the code.")
public final class ToothDentition implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !applies(info)) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                ToothDesignation d = t.parsed();
                if (!d.valid()) {
                    continue;
                }
                if (info.dentition() == CodeInfo.Dentition.PERMANENT && d.primary()) {
                    ctx.report(line, t.segment(), 2, 0, line.code() + " (" + info.label() + ") is for permanent "
                            + "teeth, but line " + line.number() + " names primary " + Lines.tooth(d)
                            + ": check the tooth number, or use the code for a primary tooth");
                } else if (info.dentition() == CodeInfo.Dentition.PRIMARY && d.permanent()) {
                    ctx.report(line, t.segment(), 2, 0, line.code() + " (" + info.label() + ") is for primary "
                            + "teeth, but line " + line.number() + " names permanent " + Lines.tooth(d)
                            + ": check the tooth number, or use the code for a permanent tooth");
                }
            }
        }
    }

    /** Only the codes for one dentition only (in any row of the code set): a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return Lines.codesWhere(ctx, ToothDentition::applies);
    }

    /** A code for one dentition only: the lines this rule looks at, and so the codes that trigger it. */
    private static boolean applies(CodeInfo info) {
        return info.dentition() != CodeInfo.Dentition.ANY;
    }
}
