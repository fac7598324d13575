package io.toothcomb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.toothcomb.guide.Guide;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.engine.RulePack;
import io.toothcomb.cli.RuleReference;
import io.toothcomb.rules.engine.RuleRegistry;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every rule with its id, default severity, the severity each bundled pack runs it at, "
                + "277CA status, summary and source; --json for a machine-readable form.")
final class RulesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print the list as JSON")
    boolean json;

    /** Per rule id: pack name to the severity that pack runs it at (only the packs that run it). */
    static Map<String, Map<String, String>> packSeverities(Map<String, RulePack> packs) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (RulePack p : packs.values()) {
            for (RulePack.RuleConfig c : p.resolve(packs)) {
                var type = RuleRegistry.installed().rules().get(c.id());
                // a pack that does not set the severity runs the rule at its default
                String sev = c.severity() != null ? c.severity().label()
                        : type == null ? "?" : RuleRegistry.info(type).severity().label();
                out.computeIfAbsent(c.id(), k -> new java.util.TreeMap<>()).put(p.name(), sev);
            }
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        RuleEngine engine = RuleEngine.load(null);
        Map<String, Map<String, String>> in = packSeverities(engine.packs());
        PrintStream o = System.out;
        if (json) {
            json(o, in);
            return Main.OK;
        }
        o.printf("%-28s %-8s %-9s %-40s %s%n", "RULE", "DEFAULT", "STATUS", "PACKS (severity there)",
                "SUMMARY / SOURCE");
        for (var e : RuleRegistry.installed().rules().entrySet()) {
            RuleInfo i = RuleRegistry.info(e.getValue());
            StringBuilder packs = new StringBuilder();
            in.getOrDefault(i.id(), Map.of()).forEach((pack, sev) ->
                    packs.append(packs.length() == 0 ? "" : ",").append(pack).append('=').append(sev));
            o.printf("%-28s %-8s %-9s %-40s %s%n%88s source: %s%n", i.id(), i.severity().label(),
                    i.category() + ":" + i.statusCode(), packs.length() == 0 ? "-" : packs, i.summary(), "",
                    i.source());
        }
        o.printf("%nFindings from the X12 guides (every claim, every pack):%n");
        o.printf("%-28s %-8s %-9s %-40s %s%n", RuleReference.ENVELOPE_RULE, "error", "A3:684", "(all)",
                "the claim's transaction set was rejected in the 999");
        o.printf("%-28s %-8s %-9s %-40s %s%n", RuleReference.SITUATION_RULE, "error", "per line", "(all)",
                "a situational rule of the 837D guide (mappings/837d/x12-837d.guide):");
        for (Guide.Situation t : Guide.dental837().situations()) {
            o.printf("%-28s %-8s %-9s %-40s %s%n", "  " + t.loop() + " " + t.target(),
                    t.usage() == 'R' ? "required"
                    : t.when().kind() == Guide.ConditionKind.COUNT_OVER_ONE ? "max one" : "not used",
                    t.category() + ":" + t.statusCode(), "", "when " + t.condition() + ": " + t.note());
        }
        return Main.OK;
    }

    /** {@code {"rules": [{id, severity, status, packs: {name: severity}, summary, source}], "guideFindings": [...]}}. */
    private static void json(PrintStream o, Map<String, Map<String, String>> in) throws java.io.IOException {
        JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(o);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("rules");
        for (var e : RuleRegistry.installed().rules().entrySet()) {
            RuleInfo i = RuleRegistry.info(e.getValue());
            g.writeStartObject();
            g.writeStringField("id", i.id());
            g.writeStringField("severity", i.severity().label());
            g.writeStringField("status", i.category() + ":" + i.statusCode());
            g.writeObjectFieldStart("packs");
            for (var p : in.getOrDefault(i.id(), Map.of()).entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeStringField("summary", i.summary());
            g.writeStringField("source", i.source());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("guideFindings");
        g.writeStartObject();
        g.writeStringField("id", RuleReference.ENVELOPE_RULE);
        g.writeStringField("severity", "error");
        g.writeStringField("status", "A3:684");
        g.writeStringField("summary", "the claim's transaction set was rejected in the 999");
        g.writeEndObject();
        for (Guide.Situation t : Guide.dental837().situations()) {
            g.writeStartObject();
            g.writeStringField("id", RuleReference.SITUATION_RULE);
            g.writeStringField("severity", "error");
            g.writeStringField("status", t.category() + ":" + t.statusCode());
            g.writeStringField("loop", t.loop());
            g.writeStringField("segment", String.valueOf(t.target()));
            g.writeStringField("summary", "when " + t.condition() + ": " + t.note());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }
}
