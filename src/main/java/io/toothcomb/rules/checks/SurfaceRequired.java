package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;

@RuleInfo(
        id = "SURFACE-REQUIRED",
        summary = "A restoration names its tooth but not the surfaces restored (TOO03)",
        severity = Severity.ERROR,
        category = "A6",
        statusCode = "240",
        source = "research R-SURF-001 (Regence direct resin restorations policy; Verimedix D2391/D2392 billing "
                + "guide); OpenDental claim validation 'surface missing for surface codes'; code set flag restoration",
        explanation = "Amalgam and resin restorations (code set flag restoration) are priced by the number of "
                + "surfaces, so the payer needs them: TOO03 lists each surface restored (M mesial, O occlusal, I "
                + "incisal, D distal, B buccal, F facial, L lingual), e.g. TOO*JP*30*M:O:D. A line with no tooth is "
                + "reported by TOOTH-REQUIRED, not here.")
public final class SurfaceRequired implements Rule {

    /** The code-set flag of the codes this rule looks at (restorations), which also triggers it. */
    private static final String FLAG = "restoration";

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !info.has(FLAG)) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                if (!t.designation().isEmpty() && !Surfaces.any(t)) {
                    ctx.report(line, t.segment(), 3, 0, line.code() + " (" + info.label() + ") on line "
                            + line.number() + " names tooth " + t.designation() + " but no surfaces: list the "
                            + "surfaces restored in TOO03, e.g. TOO*JP*" + t.designation() + "*M:O");
                }
            }
        }
    }

    /** Only restorations: a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return List.of("flag:" + FLAG);
    }
}
