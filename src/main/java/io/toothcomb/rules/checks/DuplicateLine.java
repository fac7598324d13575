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
import java.util.List;
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
        List<ServiceLine> lines = claim.lines();
        int n = lines.size();
        if (n < 2) {
            return;
        }
        // A line repeats the first earlier line with the same key. Keys are made only for lines that share code
        // and date of service with an earlier one, which the key needs anyway: most claims make none.
        Key[] keys = null;
        for (int j = 1; j < n; j++) {
            ServiceLine line = lines.get(j);
            if (skipped(ctx, line)) {
                continue;
            }
            for (int i = 0; i < j; i++) {
                ServiceLine first = lines.get(i);
                if (!first.code().equals(line.code()) || !Objects.equals(first.serviceDate(), line.serviceDate())
                        || skipped(ctx, first)) {
                    continue;
                }
                if (keys == null) {
                    keys = new Key[n];
                }
                if (keys[i] == null) {
                    keys[i] = key(first);
                }
                if (keys[j] == null) {
                    keys[j] = key(line);
                }
                if (keys[i].equals(keys[j])) {
                    report(ctx, line, first, keys[j].areas());
                    break;
                }
            }
        }
    }

    /** Lines without a code, and repeatable codes sent without tooth or area, are never duplicates. */
    private static boolean skipped(RuleContext ctx, ServiceLine line) {
        if (line.code().isEmpty()) {
            return true;
        }
        if (!line.teeth().isEmpty()) {
            return false;
        }
        for (String a : line.areas()) {
            if (!a.isEmpty()) {
                return false;
            }
        }
        CodeInfo info = Lines.info(ctx, line);
        return info != null && info.has("repeatable");
    }

    private static Key key(ServiceLine line) {
        List<String> teeth = new ArrayList<>();
        for (Tooth t : line.teeth()) {
            teeth.add(t.designation() + ":" + String.join("", new TreeSet<>(Surfaces.distinctValid(t))));
        }
        teeth.sort(null);
        List<String> areas = AreaRequired.nonEmpty(line.areas());
        areas.sort(null);
        return new Key(line.code(), teeth, Objects.requireNonNullElse(line.serviceDate(), "none"), areas);
    }

    private static void report(RuleContext ctx, ServiceLine line, ServiceLine first, List<String> areas) {
        List<String> named = Lines.designations(line);
        String what = !named.isEmpty() ? " for tooth " + String.join(", ", named)
                : areas.isEmpty() ? "" : " for area " + String.join(":", areas);
        ctx.report(line, line.sv3Segment(), 1, 2, line.code() + what + " on line " + line.number()
                + " repeats line " + first.number() + " (same code, tooth, surfaces and date of service): "
                + "delete the duplicate, or correct the tooth, surfaces or date if it was a different "
                + "procedure");
    }
}
