package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.codes.CodeSet;
import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine skips a code-specific rule ({@link Rule#triggers}) on a claim that bills none of its codes. That
 * must never change a finding: every claim of the rule fixtures, the samples and a generated batch gets the
 * same findings from the engine as from running every rule of its pack unconditionally.
 */
class RuleTriggersTest {
    private static final Comparator<Finding> FILE_ORDER =
            Comparator.comparingInt(Finding::segment).thenComparingInt(Finding::element);

    /** What the engine would report without triggers: every configured rule, in pack order, on every claim. */
    private static List<Finding> unfiltered(List<RulePack.RuleConfig> configs, Claim claim) {
        RuleRegistry registry = RuleRegistry.bundled();
        List<Finding> out = new ArrayList<>();
        for (RulePack.RuleConfig c : configs) {
            RuleInfo info = RuleRegistry.info(registry.get(c.id()));
            BoundContext ctx = new BoundContext(info, c.severity() != null ? c.severity() : info.severity(),
                    c.params(), CodeSet.bundled());
            registry.instantiate(c.id()).check(claim, ctx);
            out.addAll(ctx.findings());
        }
        out.sort(FILE_ORDER);
        return out;
    }

    private static List<Claim> claims(byte[] x12, String name) throws IOException {
        List<Claim> out = new ArrayList<>();
        ClaimLoader.load(new ByteArrayInputStream(x12), name, new LoadHandler() {
            @Override
            public void claim(ClaimUnit unit) {
                out.add(unit.claim());
            }
        });
        return out;
    }

    @Test
    void skippingCodeSpecificRulesChangesNoFindingOnTheRuleFixtures() throws IOException {
        int skipped = 0;
        for (Path p : RuleFixturesTest.fixtures()) {
            FixtureFile f = FixtureFile.read(p);
            // every rule with triggers, with this fixture's parameters, on this fixture's claim
            for (String id : RuleRegistry.bundled().rules().keySet()) {
                List<RulePack.RuleConfig> configs = List.of(new RulePack.RuleConfig(id, null,
                        id.equals(p.getParent().getFileName().toString()) ? f.params() : Map.of(), 0));
                RulePack pack = new RulePack("t", null, Set.of(), Set.of(), Map.of(id, configs.get(0)), Set.of(), "",
                        p.toString());
                RuleEngine engine = new RuleEngine(Map.of("t", pack), RuleRegistry.bundled(), CodeSet.bundled());
                for (Claim c : claims(f.toX12().getBytes(StandardCharsets.UTF_8), p.toString())) {
                    List<Finding> expected = unfiltered(configs, c);
                    assertEquals(expected, engine.check(c), id + " on " + p);
                    if (expected.isEmpty() && !triggeredBy(id, configs.get(0), c)) {
                        skipped++;
                    }
                }
            }
        }
        assertTrue(skipped > 100, "the fixtures should give the engine rules to skip, gave " + skipped);
    }

    @Test
    void skippingCodeSpecificRulesChangesNoFindingWithTheBundledPacks() throws IOException {
        RuleEngine engine = RuleEngine.load(null);
        Map<String, List<RulePack.RuleConfig>> byPack = new LinkedHashMap<>();
        engine.packs().forEach((name, pack) -> byPack.put(name, pack.resolve(engine.packs())));
        List<Claim> corpus = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            for (Path f : s.filter(x -> x.toString().endsWith(".edi")).sorted().toList()) {
                corpus.addAll(claims(Files.readAllBytes(f), f.toString()));
            }
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        SyntheticBatch.write(3000, 11, new SyntheticBatch.Options(500, 0.5), batch);
        corpus.addAll(claims(batch.toByteArray(), "generated"));
        int findings = 0;
        for (Claim c : corpus) {
            List<Finding> expected = unfiltered(byPack.get(engine.packFor(c).name()), c);
            assertEquals(expected, engine.check(c), "claim " + c.id() + " at segment " + c.segment());
            findings += expected.size();
        }
        assertTrue(findings > 500, "the corpus should have findings to compare, had " + findings);
    }

    @Test
    void aFlagTriggersEveryCodeThatCarriesItOnSomeDate() {
        Set<String> codes = RuleEngine.triggerCodes(List.of("flag:apexification", "d1354"), CodeSet.bundled());
        assertTrue(codes.containsAll(List.of("D3351", "D3352", "D3353", "d1354", "D1354")), codes.toString());
        assertFalse(codes.contains("D1110"), codes.toString());
    }

    private static boolean triggeredBy(String id, RulePack.RuleConfig config, Claim c) {
        RuleInfo info = RuleRegistry.info(RuleRegistry.bundled().get(id));
        List<String> t = RuleRegistry.bundled().instantiate(id)
                .triggers(new BoundContext(info, info.severity(), config.params(), CodeSet.bundled()));
        if (t == null) {
            return true;
        }
        Set<String> codes = RuleEngine.triggerCodes(t, CodeSet.bundled());
        for (ServiceLine l : c.lines()) {
            if (codes.contains(l.code())) {
                return true;
            }
        }
        return false;
    }
}
