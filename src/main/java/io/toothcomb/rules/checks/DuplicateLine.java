package io.toothcomb.rules.checks;

import io.toothcomb.codes.CodeInfo;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleContext;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

@RuleInfo(
        id = "DUPLICATE-LINE",
        summary = "The same procedure for the same tooth, surfaces and area is billed twice on one date",
        severity = Severity.ERROR,
        category = "A8",
        statusCode = "78",
        source = "research R-DUP-001 (DentalXChange duplicate detection, Planet DDS status messages); 277 status "
                + "codes 54/78 duplicate line",
        explanation = "Two lines with the same code, the same tooth (or none), the same surfaces in any order, the "
                + "same SV304 area and the same date of service bill one procedure twice; the payer denies the second "
                + "as a duplicate. Delete the repeated line, or correct its tooth, surfaces or date if it was a "
                + "different procedure. Codes the code set flags repeatable (e.g. D0230, each further periapical "
                + "image) may appear several times without a tooth and are only compared when they name one.")
public final class DuplicateLine implements Rule {

    private record Key(String code, List<String> teeth, Object date, List<String> areas) {
    }

    @Override
    public void check(Claim claim, RuleContext ctx) {
        if (claim.lines().size() < 2) {
            return;
        }
        Map<Key, ServiceLine> seen = new HashMap<>();
        for (ServiceLine line : claim.lines()) {
            if (line.code().isEmpty()) {
                continue;
            }
            List<String> teeth = new ArrayList<>();
            for (Tooth t : line.teeth()) {
                teeth.add(t.designation() + ":" + String.join("", new TreeSet<>(Surfaces.distinctValid(t))));
            }
            teeth.sort(null);
            List<String> areas = line.areas().stream().filter(a -> !a.isEmpty()).sorted().toList();
            if (teeth.isEmpty() && areas.isEmpty()) {
                CodeInfo info = Lines.info(ctx, line);
                if (info != null && info.has("repeatable")) {
                    continue;
                }
            }
            Key key = new Key(line.code(), teeth, Objects.requireNonNullElse(line.serviceDate(), "none"), areas);
            ServiceLine first = seen.putIfAbsent(key, line);
            if (first != null) {
                List<String> named = Lines.designations(line);
                String what = !named.isEmpty() ? " for tooth " + String.join(", ", named)
                        : areas.isEmpty() ? "" : " for area " + String.join(":", areas);
                ctx.report(line, line.sv3Segment(), 1, 2, line.code() + what + " on line " + line.number()
                        + " repeats line " + first.number() + " (same code, tooth, surfaces and date of service): "
                        + "delete the duplicate, or correct the tooth, surfaces or date if it was a different "
                        + "procedure");
            }
        }
    }
}
