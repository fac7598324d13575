package io.toothcomb.rules.checks;

import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.model.ToothDesignation;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.List;
import java.util.Map;

@RuleInfo(
        id = "SURFACE-TOOTH",
        summary = "A surface letter meant for the other tooth class: O/B on a front tooth, I/F on a back tooth",
        severity = Severity.WARNING,
        category = "A7",
        statusCode = "240",
        source = "research R-SURF-003 (HL7 ADA tooth surface codes; NextGen dental claim edit 89 'Invalid Surface "
                + "Value for the selected Tooth'); OpenDental Tooth.SurfTidyForClaims sends O/B for posterior and I/F "
                + "for anterior teeth",
        explanation = "Back teeth (premolars, molars) have an occlusal (O) and a buccal (B) surface; front teeth "
                + "(incisors, canines) have an incisal edge (I) and a facial (F) surface. O or B on an anterior tooth, "
                + "or I or F on a posterior tooth, is usually a mis-keyed surface: the anterior equivalent of O is I "
                + "and of B is F. M, D and L exist on every tooth. A warning, not an error: practices send B and F "
                + "(and O and I) interchangeably, payers vary on accepting F on posterior teeth (research §2), and the "
                + "surface count, which prices the restoration, is the same either way; letters that are no surface "
                + "at all stay errors (SURFACE-LETTERS). Supernumerary teeth are not checked (their shape "
                + "varies). Parameters anteriorOnly (default I,F) and posteriorOnly (default O,B) let a pack that "
                + "accepts F on posterior teeth relax the check.",
        params = {
                @Param(name = "anteriorOnly", type = ParamType.SURFACES, defaultValue = "I,F",
                        description = "letters that exist only on front teeth"),
                @Param(name = "posteriorOnly", type = ParamType.SURFACES, defaultValue = "O,B",
                        description = "letters that exist only on back teeth")})
public final class SurfaceTooth implements Rule {
    private static final List<String> DEFAULT_ANTERIOR_ONLY = List.of("I", "F");
    private static final List<String> DEFAULT_POSTERIOR_ONLY = List.of("O", "B");
    private static final Map<String, String> SWAP = Map.of("O", "I", "I", "O", "B", "F", "F", "B");

    @Override
    public void check(Claim claim, RuleContext ctx) {
        List<String> anteriorOnly = ctx.listParam("anteriorOnly", DEFAULT_ANTERIOR_ONLY);
        List<String> posteriorOnly = ctx.listParam("posteriorOnly", DEFAULT_POSTERIOR_ONLY);
        for (ServiceLine line : claim.lines()) {
            for (Tooth t : line.teeth()) {
                ToothDesignation d = t.parsed();
                if (!d.valid() || d.supernumerary()) {
                    continue;
                }
                List<String> s = t.surfaces();
                for (int i = 0; i < s.size(); i++) {
                    String letter = s.get(i);
                    String where = null;
                    if (d.anterior() && posteriorOnly.contains(letter)) {
                        where = "a front tooth";
                    } else if (d.posterior() && anteriorOnly.contains(letter)) {
                        where = "a back tooth";
                    }
                    if (where != null) {
                        String swap = SWAP.get(letter);
                        ctx.report(line, t.segment(), 3, i + 1, "surface " + letter + " on line " + line.number()
                                + " is a surface of the other tooth class, and tooth " + t.designation() + " is " + where
                                + (swap != null ? ": did you mean " + swap + "?" : ": correct the surface"));
                    }
                }
            }
        }
    }
}
