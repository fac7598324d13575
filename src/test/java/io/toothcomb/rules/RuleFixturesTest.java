package io.toothcomb.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.codes.CodeSet;
import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.LoadHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule fixture under src/test/resources/rules/RULE-ID/: the rule named by the folder runs alone on
 * the fixture, and the findings must be exactly the ones the fixture's "# expect" comments name.
 */
class RuleFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/rules");

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".claim")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFixture() throws IOException {
        return fixtures().stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> check(p)));
    }

    static void check(Path p) throws IOException {
        String ruleId = p.getParent().getFileName().toString();
        FixtureFile f = FixtureFile.read(p);
        String x12 = f.toX12();
        RuleRegistry registry = RuleRegistry.bundled();
        assertTrue(registry.get(ruleId) != null, "folder " + ruleId + " names no rule");
        RulePack pack = new RulePack("fixture", null, Set.of(), Set.of(),
                Map.of(ruleId, new RulePack.RuleConfig(ruleId, null, f.params(), 0)), Set.of(), "", p.toString());
        RuleEngine engine = new RuleEngine(Map.of("fixture", pack), registry, CodeSet.bundled());
        Map<Integer, Set<String>> actual = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        FileAck ack = ClaimLoader.load(new ByteArrayInputStream(x12.getBytes(StandardCharsets.UTF_8)), p.toString(),
                new LoadHandler() {
                    @Override
                    public void claim(ClaimUnit unit) {
                        for (Finding fd : engine.check(unit.claim())) {
                            actual.computeIfAbsent(fd.segment(), k -> new TreeSet<>()).add(fd.rule());
                            messages.add(fd.segment() + " " + fd.rule() + ": " + fd.message());
                            assertFalse(fd.message().isBlank(), "finding without a message");
                        }
                    }
                });
        assertTrue(ack.fileErrors().isEmpty() && ack.groups().get(0).transactions().get(0).accepted(),
                "fixture is not a valid 837D: " + ack);
        Map<Integer, Set<String>> expected = new TreeMap<>();
        f.expectedBySegment().forEach((seg, rules) -> expected.put(seg, new TreeSet<>(rules)));
        assertEquals(describe(expected, f), describe(actual, f), "findings of " + p + "; messages: " + messages);
    }

    private static String describe(Map<Integer, Set<String>> m, FixtureFile f) {
        StringBuilder b = new StringBuilder();
        m.forEach((seg, rules) -> b.append(f.segmentAt(seg)).append("  <- ").append(rules).append('\n'));
        return b.toString();
    }

    /** Every rule has a fixture where it fires and a near miss where it stays silent. */
    @Test
    void everyRuleHasAFiringFixtureAndANearMiss() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String id : RuleRegistry.bundled().rules().keySet()) {
            Path dir = ROOT.resolve(id);
            boolean fires = false;
            boolean quiet = false;
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(x -> x.toString().endsWith(".claim")).toList()) {
                        if (FixtureFile.read(p).expectsFindings()) {
                            fires = true;
                        } else {
                            quiet = true;
                        }
                    }
                }
            }
            if (!fires || !quiet) {
                missing.add(id + (fires ? "" : " (no firing fixture)") + (quiet ? "" : " (no near miss)"));
            }
        }
        assertEquals(List.of(), missing);
    }
}
