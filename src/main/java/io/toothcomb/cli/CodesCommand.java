package io.toothcomb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.toothcomb.codes.CodeInfo;
import io.toothcomb.codes.CodeSet;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.rules.engine.RulePack;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code toothcomb codes D4341 --date 2026-03-10}: what toothcomb knows about a code on a date of service. */
@Command(name = "codes", mixinStandardHelpOptions = true,
        description = "Tell what toothcomb knows about CDT codes on a date of service: in force or not, what replaces "
                + "a deleted code, tooth, surface, area and quantity rules, label and sources. Exit 0 when every code "
                + "is in force on the date, 1 when some is not (or unknown), 2 on a usage error.")
final class CodesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<code>", description = "CDT codes, e.g. D4341")
    List<String> codes;

    @Option(names = "--date", paramLabel = "<yyyy-mm-dd>", description = "date of service (default: today)")
    String date;

    @Option(names = "--json", description = "one JSON object per code, one per line")
    boolean json;

    @Option(names = "--packs", paramLabel = "<folder>", description = "read the *.codes and *.tsv files there too")
    Path packs;

    @Option(names = "--codes", paramLabel = "<file>", description = "code set rows laid over the bundled set "
            + "(as for scrub); repeatable")
    List<Path> codeFiles = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        LocalDate day;
        try {
            day = date == null ? LocalDate.now() : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            System.err.println("toothcomb: --date '" + date + "' is not a date (yyyy-mm-dd)");
            return Main.USAGE;
        }
        CodeSet set;
        try {
            set = RuleEngine.codes(packs, codeFiles);
        } catch (RulePack.PackException e) {
            System.err.println("toothcomb: code set error: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            System.err.println("toothcomb: cannot read code files: " + e.getMessage());
            return Main.USAGE;
        }
        int exit = Main.OK;
        for (String raw : codes) {
            String code = raw.trim().toUpperCase(Locale.ROOT);
            CodeInfo row = set.lookup(code, day);
            if (row == null) {
                exit = Main.CLAIMS_REJECTED;
            }
            out.print(json ? json(set, code, day, row) : text(set, code, day, row));
        }
        return exit;
    }

    static String status(CodeSet set, String code, LocalDate day, CodeInfo row) {
        if (row != null) {
            return "in force";
        }
        return set.history(code).isEmpty() ? "unknown" : "not in force";
    }

    static String text(CodeSet set, String code, LocalDate day, CodeInfo row) {
        StringBuilder b = new StringBuilder();
        List<CodeInfo> rows = set.history(code);
        b.append(code).append(" on ").append(day).append(": ");
        if (row == null && rows.isEmpty()) {
            b.append(set.complete(day) ? "not a CDT code in force on this date (the code set lists every code "
                    + "in force on it)\n" : "not in toothcomb's code set: its tooth, surface and area rules are not "
                    + "known (add a row with --codes)\n");
            return b.toString();
        }
        if (row == null) {
            b.append("NOT in force. ").append(why(rows, day)).append('\n');
            row = nearest(rows, day);
            b.append("  the nearest row says:\n");
        } else {
            b.append("in force ").append(span(row)).append('\n');
        }
        b.append("  label:      ").append(row.label()).append('\n');
        b.append("  tooth:      ").append(tooth(row)).append('\n');
        b.append("  surfaces:   ").append(surfaces(row.surfaces())).append('\n');
        b.append("  area:       ").append(area(row.area())).append('\n');
        b.append("  dentition:  ").append(lower(row.dentition())).append("; tooth class: ")
                .append(lower(row.toothClass())).append('\n');
        b.append("  quantity:   ").append(quantity(row.quantity())).append('\n');
        if (!row.flags().isEmpty()) {
            b.append("  flags:      ").append(String.join(", ", row.flags())).append('\n');
        }
        if (!row.replacement().isEmpty()) {
            b.append("  instead:    ").append(row.replacement()).append('\n');
        }
        b.append("  row:        ").append(row.file()).append('\n');
        b.append("  sources:\n");
        for (String s : row.sources()) {
            b.append("    ").append(s).append(": ").append(set.source(s)).append('\n');
        }
        if (rows.size() > 1) {
            b.append("  history:\n");
            for (CodeInfo r : rows) {
                b.append("    ").append(span(r)).append(": ").append(r.label()).append('\n');
            }
        }
        return b.toString();
    }

    private static CodeInfo nearest(List<CodeInfo> rows, LocalDate day) {
        CodeInfo best = rows.get(0);
        for (CodeInfo r : rows) {
            if (r.from() == null || !r.from().isAfter(day)) {
                best = r;
            }
        }
        return best;
    }

    private static String why(List<CodeInfo> rows, LocalDate day) {
        CodeInfo before = null;
        CodeInfo after = null;
        for (CodeInfo r : rows) {
            if (r.to() != null && r.to().isBefore(day)) {
                before = r;
            } else if (after == null && r.from() != null && r.from().isAfter(day)) {
                after = r;
            }
        }
        if (before != null && (after == null)) {
            return "Deleted after " + before.to() + (before.replacement().isEmpty() ? "."
                    : "; report " + before.replacement() + " instead.");
        }
        return "It came into force on " + (after != null ? after.from() : rows.get(0).fromText())
                + ", after this date.";
    }

    static String span(CodeInfo r) {
        return (r.from() == null ? "since before " + CodeSet.TRACKED_FROM + " (not tracked earlier)"
                : "from " + r.from()) + (r.to() == null ? ", current" : " to " + r.to());
    }

    private static String tooth(CodeInfo r) {
        String t = switch (r.tooth()) {
            case REQUIRED -> "required (TOO)";
            case NONE -> "none (no TOO)";
            case OPTIONAL -> "optional";
        };
        return t + (r.perTooth() ? ", one tooth per line" : "");
    }

    private static String surfaces(int n) {
        return switch (n) {
            case -1 -> "not checked";
            case 0 -> "none";
            case 4 -> "four or more";
            default -> "exactly " + n;
        };
    }

    private static String area(CodeInfo.Area a) {
        return switch (a) {
            case NONE -> "none (no SV304)";
            case QUADRANT -> "a quadrant in SV304: 10 upper right, 20 upper left, 30 lower left, 40 lower right";
            case ARCH -> "an arch in SV304: 01 upper, 02 lower";
            case SEXTANT -> "a sextant (the 837D guide has no sextant codes; SV304 is not required)";
            case OPTIONAL -> "optional";
            case UPPER -> "upper arch, named by the code itself (SV304 not needed)";
            case LOWER -> "lower arch, named by the code itself (SV304 not needed)";
        };
    }

    private static String quantity(CodeInfo.Quantity q) {
        return switch (q) {
            case ONE -> "one per line (SV306 above 1 is an error)";
            case UNITS -> "counts units (SV306 may be above 1)";
            case ANY -> "not checked";
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static String json(CodeSet set, String code, LocalDate day, CodeInfo row) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("code", code);
            g.writeStringField("date", day.toString());
            g.writeStringField("status", status(set, code, day, row));
            List<CodeInfo> rows = set.history(code);
            if (row == null && !rows.isEmpty()) {
                g.writeStringField("why", why(rows, day));
            }
            g.writeArrayFieldStart("rows");
            for (CodeInfo r : rows) {
                g.writeStartObject();
                g.writeBooleanField("inForce", r == row);
                g.writeStringField("from", r.fromText());
                g.writeStringField("to", r.to() == null ? "" : r.to().toString());
                g.writeStringField("tooth", lower(r.tooth()));
                g.writeBooleanField("perTooth", r.perTooth());
                g.writeStringField("dentition", lower(r.dentition()));
                g.writeStringField("surfaces", r.surfaces() < 0 ? "-" : r.surfaces() == 4 ? "4+"
                        : Integer.toString(r.surfaces()));
                g.writeStringField("area", lower(r.area()));
                g.writeStringField("class", lower(r.toothClass()));
                g.writeStringField("quantity", lower(r.quantity()));
                g.writeArrayFieldStart("flags");
                for (String f : r.flags()) {
                    g.writeString(f);
                }
                g.writeEndArray();
                g.writeStringField("replacement", r.replacement());
                g.writeStringField("label", r.label());
                g.writeStringField("file", r.file());
                g.writeArrayFieldStart("sources");
                for (String s : r.sources()) {
                    g.writeStartObject();
                    g.writeStringField("id", s);
                    g.writeStringField("text", set.source(s));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w + "\n";
    }
}
