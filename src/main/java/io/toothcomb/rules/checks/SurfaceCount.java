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
import java.util.Set;

@RuleInfo(
        id = "SURFACE-COUNT",
        summary = "The number of surfaces in TOO03 does not match the code (one, two, three, four or more)",
        severity = Severity.ERROR,
        category = "A7",
        statusCode = "240",
        source = "research R-SURF-002 (Regence direct resin restorations policy: D2335 is four or more surfaces or "
                + "involving the incisal angle; N.J.A.C. 10:56-2.10 one code per tooth chosen by surfaces restored); "
                + "code set column surfaces",
        explanation = "Restoration codes are priced by surface count: D2140/D2330/D2391 one surface, D2150/D2331/"
                + "D2392 two, D2160/D2332/D2393 three, D2161/D2394 four or more. D2335 is four or more surfaces or "
                + "any restoration involving the incisal angle (a set that includes I). The distinct valid letters "
                + "in TOO03 must match; payers down-code or deny a mismatch. Either the code or the surface list is "
                + "wrong; the message names the code that fits the surfaces sent.")
public final class SurfaceCount implements Rule {

    @Override
    public void check(Claim claim, RuleContext ctx) {
        for (ServiceLine line : claim.lines()) {
            CodeInfo info = Lines.info(ctx, line);
            if (info == null || !applies(info)) {
                continue;
            }
            for (Tooth t : line.teeth()) {
                int n = Surfaces.distinctCountIfAllValid(t);
                if (n <= 0) {
                    // no letters, or an unknown or lower-case letter: that is SURFACE-LETTERS' finding; counting
                    // around it would suggest the wrong code
                    continue;
                }
                boolean ok = info.surfaces() == 4 ? n >= 4 : n == info.surfaces();
                if (!ok && info.has("incisal_angle") && t.surfaces().contains("I")) {
                    ok = true;
                }
                if (ok) {
                    continue;
                }
                Set<String> s = Surfaces.distinctValid(t);
                String expected = info.surfaces() == 4
                        ? "four or more surfaces" + (info.has("incisal_angle") ? " or the incisal angle (I)" : "")
                        : info.surfaces() + (info.surfaces() == 1 ? " surface" : " surfaces");
                String fit = Surfaces.codeFor(line.code(), n);
                ctx.report(line, t.segment(), 3, 0, line.code() + " on line " + line.number() + " is for " + expected
                        + ", but tooth " + t.designation() + " lists " + n + " (" + Surfaces.list(s) + ")"
                        + (fit != null && !fit.equals(line.code()) ? ": bill " + fit + " or correct the surfaces"
                        : ": correct the surfaces or the code"));
            }
        }
    }

    /** Only the codes priced by number of surfaces (in any row of the code set): a claim without one has nothing for this rule. */
    @Override
    public List<String> triggers(RuleContext ctx) {
        return Lines.codesWhere(ctx, SurfaceCount::applies);
    }

    /** A code priced by number of surfaces: the lines this rule looks at, and so the codes that trigger it. */
    private static boolean applies(CodeInfo info) {
        return info.surfaces() >= 1;
    }
}
