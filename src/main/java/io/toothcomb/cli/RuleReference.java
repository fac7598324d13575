package io.toothcomb.cli;

import io.toothcomb.rules.Rule;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.ParamType;
import io.toothcomb.rules.Param;
import io.toothcomb.rules.engine.RuleRegistry;
import io.toothcomb.rules.engine.RulePack;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.guide.Guide;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rule reference (docs/rules.md), generated from the {@link RuleInfo} annotations and the bundled packs so it
 * cannot drift from the code. {@code RuleReferenceTest} fails when docs/rules.md is not what this produces.
 * Regenerate with {@code java -cp target/classes io.toothcomb.cli.RuleReference [docs/rules.md]}.
 */
public final class RuleReference {
    public static final Path DEFAULT_OUTPUT = Path.of("docs/rules.md");

    private RuleReference() {
    }

    /** The whole reference: a summary table, then one section per rule. */
    public static String markdown(RuleRegistry registry) {
        Map<String, Map<String, RulePack.RuleConfig>> packs = bundledPackRules(registry);
        StringBuilder b = new StringBuilder();
        b.append("# toothcomb rule reference\n\n");
        b.append("Generated from the rules' `@RuleInfo` and the bundled packs by `io.toothcomb.cli.RuleReference`; "
                + "do not edit by hand. ").append(registry.rules().size()).append(" rules; bundled packs: ")
                .append(String.join(", ", packs.keySet())).append(".\n\n");
        b.append("Severity `error` rejects the claim (277CA category A6 missing, A7 invalid, A8 relational, with the "
                + "status code from code list 508); `warning` and `info` leave it accepted.\n\n");
        b.append(table(registry, packs));
        b.append('\n').append(GUIDE_FINDINGS_INTRO).append("\n\n");
        b.append(guideTable());
        for (Map.Entry<String, Class<? extends Rule>> e : registry.rules().entrySet()) {
            RuleInfo info = RuleRegistry.info(e.getValue());
            b.append("\n## ").append(info.id()).append("\n\n");
            b.append(text(info.summary())).append(".\n\n");
            b.append("- **Default severity:** ").append(info.severity().label()).append('\n');
            b.append("- **277CA status:** `").append(status(info)).append("`\n");
            b.append("- **Packs:** ").append(packsDetail(info.id(), packs)).append('\n');
            b.append("- **Source:** ").append(text(info.source())).append('\n');
            b.append("- **Parameters:** ").append(info.params().length == 0 ? "none besides `severity`\n"
                    : "`severity` and the ones below; a pack line with any other key, or a value outside its type "
                    + "or range, is refused when the pack loads\n");
            if (info.params().length > 0) {
                b.append("\n| parameter | type | range | default | what |\n|---|---|---|---|---|\n");
                for (Param p : info.params()) {
                    b.append("| `").append(p.name()).append("` | ").append(cell(p.type().what())).append(" | ")
                            .append(p.type() == ParamType.INT ? p.min() + ".." + p.max() : "")
                            .append(" | ").append(p.defaultValue().isEmpty() ? "(none)" : "`" + p.defaultValue() + "`")
                            .append(" | ").append(cell(p.description())).append(" |\n");
                }
            }
            if (!info.explanation().isEmpty()) {
                b.append('\n').append(text(info.explanation())).append('\n');
            }
        }
        b.append(guideSections());
        return b.toString();
    }

    // ---------------------------------------------------------------- findings from the X12 guides

    /** Rule id of the finding a claim gets when its transaction set is rejected in the 999. */
    public static final String ENVELOPE_RULE = RuleRegistry.ENVELOPE_RULE;
    /** Rule id of a finding from the guide's situational conditions. */
    public static final String SITUATION_RULE = RuleRegistry.SITUATION_RULE;

    private static final String GUIDE_FINDINGS_INTRO = "Two findings come from the X12 implementation guides, not "
            + "from a rule class, and run on every claim whatever the pack (always severity `error`):";

    /** The guide findings as a table (in the reference and in {@code toothcomb rules}). */
    public static String guideTable() {
        int n = Guide.dental837().situations().size();
        return "| Finding | Severity | 277 status | Summary |\n|---|---|---|---|\n"
                + "| [" + ENVELOPE_RULE + "](#x12-999) | error | `A3:684` | The claim's transaction set was rejected in "
                + "the 999 (envelope or syntax); the payer will not see the claim |\n"
                + "| [" + SITUATION_RULE + "](#x12-situation) | error | per situation line | The claim breaks one of the "
                + n + " situational rules of the 837D guide table (a segment required or not used in this situation) |\n";
    }

    private static String guideSections() {
        StringBuilder b = new StringBuilder();
        b.append("\n## ").append(ENVELOPE_RULE).append("\n\n");
        b.append("The claim's transaction set was rejected in the 999 (envelope or syntax), so the payer will not "
                + "see the claim.\n\n");
        b.append("- **Severity:** error\n- **277CA status:** `A3:684` (the set is not in the 277CA; the finding is in "
                + "findings.json, the listing and the annotated XML)\n");
        b.append("- **Source:** the 999 implementation acknowledgment (005010X231A1); status code 684 'Rejected. Syntax "
                + "error noted for this claim/service/inquiry. See Functional or Implementation Acknowledgement for "
                + "details' (code list 508)\n");
        Guide g = Guide.dental837();
        b.append("\n## ").append(SITUATION_RULE).append("\n\n");
        b.append("The claim breaks a situational rule of the 837D implementation guide (WEDI SNIP type 4): a segment "
                + "the guide requires in this situation is missing, or one it does not use here is present.\n\n");
        b.append("- **Severity:** error\n- **277CA status:** the situation line's (below)\n");
        b.append("- **Source:** the `situation` lines of `mappings/837d/x12-837d.guide` (format and precedence: "
                + "`mappings/guide-format.md`); statuses from code lists 507/508 as transcribed in OpenDental "
                + "X277.cs (the table's header)\n\n");
        b.append("Checked per claim and reported in the 277CA, never in the 999, so one claim's error does not reject "
                + "the claims beside it. A rule about a service line (2400, 2430) rejects that line in 2220D too. "
                + "Where an R and an N line about the same segment both hold, N wins. A missing segment is reported "
                + "at the first segment of its loop; a rule about the claim's context (2010BA, 2000C) points before "
                + "the claim and is shown at its first segment.\n\n");
        b.append("| Loop | Segment | Usage | When | 277 status | Note |\n|---|---|---|---|---|---|\n");
        for (Guide.Situation t : g.situations()) {
            b.append("| ").append(t.loop()).append(" | ").append(text(t.target())).append(" | ")
                    .append(t.usage() == 'R' ? "required"
                    : t.when().kind() == Guide.ConditionKind.COUNT_OVER_ONE ? "at most one" : "not used").append(" | `").append(t.condition())
                    .append("` | `").append(t.category()).append(':').append(t.statusCode()).append("` | ")
                    .append(cell(t.note())).append(" |\n");
        }
        return b.toString();
    }

    /** The summary table alone (what {@code toothcomb rules} prints). */
    public static String table(RuleRegistry registry) {
        return table(registry, bundledPackRules(registry));
    }

    private static String table(RuleRegistry registry, Map<String, Map<String, RulePack.RuleConfig>> packs) {
        StringBuilder b = new StringBuilder();
        b.append("| Rule | Severity | 277 status | Packs | Summary |\n");
        b.append("|---|---|---|---|---|\n");
        for (Class<? extends Rule> type : registry.rules().values()) {
            RuleInfo info = RuleRegistry.info(type);
            List<String> in = new ArrayList<>();
            packs.forEach((name, rules) -> {
                if (rules.containsKey(info.id())) {
                    in.add(name);
                }
            });
            b.append("| [").append(info.id()).append("](#").append(info.id().toLowerCase(java.util.Locale.ROOT))
                    .append(") | ").append(info.severity().label()).append(" | `").append(status(info)).append("` | ")
                    .append(in.isEmpty() ? "none (for payer packs)" : String.join(", ", in)).append(" | ")
                    .append(cell(info.summary())).append(" |\n");
        }
        return b.toString();
    }

    private static String status(RuleInfo info) {
        return info.category() + ":" + info.statusCode();
    }

    private static String cell(String s) {
        return text(s).replace("|", "\\|").replace("\n", " ");
    }

    /** Prose from an annotation as Markdown: X12 separators (SV3*AD, NTE*ADD) must not turn into emphasis. */
    private static String text(String s) {
        return s.replace("*", "\\*");
    }

    private static String packsDetail(String id, Map<String, Map<String, RulePack.RuleConfig>> packs) {
        List<String> out = new ArrayList<>();
        packs.forEach((name, rules) -> {
            RulePack.RuleConfig c = rules.get(id);
            if (c == null) {
                return;
            }
            List<String> settings = new ArrayList<>();
            if (c.severity() != null) {
                settings.add("severity=" + c.severity().label());
            }
            c.params().forEach((k, v) -> settings.add(k + "=" + v));
            out.add("`" + name + "`" + (settings.isEmpty() ? ""
                    : " (" + settings.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")) + ")"));
        });
        return out.isEmpty() ? "not enabled by a bundled pack; enable it in a payer pack" : String.join("; ", out);
    }

    /** Pack name to its resolved rules (parents applied), for the bundled packs in load order. */
    static Map<String, Map<String, RulePack.RuleConfig>> bundledPackRules(RuleRegistry registry) {
        Map<String, RulePack> packs = new LinkedHashMap<>();
        for (String name : RuleEngine.BUNDLED_PACKS) {
            InputStream in = RuleReference.class.getResourceAsStream("/io/toothcomb/packs/" + name + ".pack");
            if (in == null) {
                continue;
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                RulePack p = RulePack.parse(r, name + ".pack (bundled)", registry);
                packs.put(p.name(), p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Map<String, RulePack.RuleConfig>> out = new LinkedHashMap<>();
        for (RulePack p : packs.values()) {
            Map<String, RulePack.RuleConfig> rules = new LinkedHashMap<>();
            for (RulePack.RuleConfig c : p.resolve(packs)) {
                rules.put(c.id(), c);
            }
            out.put(p.name(), rules);
        }
        return out;
    }

    /** Writes the reference to the given file (default docs/rules.md). */
    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown(RuleRegistry.bundled()), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }
}
