package io.toothcomb.cli;

import io.toothcomb.guide.Guide;
import io.toothcomb.rules.RuleEngine;
import io.toothcomb.rules.RuleReference;
import io.toothcomb.rules.RuleInfo;
import io.toothcomb.rules.RulePack;
import io.toothcomb.rules.RuleRegistry;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every rule with its id, default severity, 277CA status, source and the packs that run it.")
final class RulesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        RuleEngine engine = RuleEngine.load(null);
        Map<String, RulePack> packs = engine.packs();
        System.out.printf("%-28s %-8s %-9s %-26s %s%n", "RULE", "SEVERITY", "STATUS", "PACKS", "SUMMARY / SOURCE");
        for (var e : RuleRegistry.bundled().rules().entrySet()) {
            RuleInfo i = RuleRegistry.info(e.getValue());
            StringBuilder in = new StringBuilder();
            for (RulePack p : packs.values()) {
                if (p.resolve(packs).stream().anyMatch(c -> c.id().equals(i.id()))) {
                    in.append(in.length() == 0 ? "" : ",").append(p.name());
                }
            }
            System.out.printf("%-28s %-8s %-9s %-26s %s%n%66s source: %s%n", i.id(), i.severity().label(),
                    i.category() + ":" + i.statusCode(), in.length() == 0 ? "-" : in, i.summary(), "", i.source());
        }
        System.out.printf("%nFindings from the X12 guides (every claim, every pack):%n");
        System.out.printf("%-28s %-8s %-9s %-26s %s%n", RuleReference.ENVELOPE_RULE, "error", "A3:684", "(all)",
                "the claim's transaction set was rejected in the 999");
        System.out.printf("%-28s %-8s %-9s %-26s %s%n", RuleReference.SITUATION_RULE, "error", "per line", "(all)",
                "a situational rule of the 837D guide (mappings/837d/x12-837d.guide):");
        for (Guide.Situation t : Guide.dental837().situations()) {
            System.out.printf("%-28s %-8s %-9s %-26s %s%n", "  " + t.loop() + " " + t.target(),
                    t.usage() == 'R' ? "required"
                    : t.when().kind() == Guide.ConditionKind.COUNT_OVER_ONE ? "max one" : "not used", t.category() + ":" + t.statusCode(), "",
                    "when " + t.condition() + ": " + t.note());
        }
        return Main.OK;
    }
}
