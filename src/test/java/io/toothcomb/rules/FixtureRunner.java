package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
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

/**
 * Runs {@code .claim} fixtures ({@link FixtureFile}): the rule named by the fixture's folder runs alone on the
 * fixture, and its findings must be exactly the ones the fixture's {@code # expect} comments name, on the
 * segments they follow, with the element and message text they state. Published in the test jar
 * ({@code toothcomb-tests.jar}, classifier {@code tests}) so that a plugin author tests a plugin rule the way
 * toothcomb tests its own:
 *
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicTest&gt; fixtures() throws IOException {
 *     return FixtureRunner.dynamicTests(Path.of("src/test/resources/rules"), RuleRegistry.installed());
 * }
 * </pre>
 */
public final class FixtureRunner {
    private FixtureRunner() {
    }

    /** Every {@code .claim} file under {@code root}, sorted. */
    public static List<Path> fixtures(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".claim")).sorted().toList();
        }
    }

    /**
     * One dynamic test per fixture under {@code root} ({@code root/RULE-ID/name.claim}), each rule as installed:
     * the bundled rules and the plugins on the class path. What a plugin author calls; it names no internal type.
     */
    public static Stream<DynamicTest> dynamicTests(Path root) throws IOException {
        return dynamicTests(root, RuleRegistry.installed());
    }

    /** One dynamic test per fixture under {@code root} ({@code root/RULE-ID/name.claim}). */
    public static Stream<DynamicTest> dynamicTests(Path root, RuleRegistry registry) throws IOException {
        return fixtures(root).stream()
                .map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), () -> check(p, registry)));
    }

    /** Checks one fixture; the rule is the one its folder names. */
    public static void check(Path p, RuleRegistry registry) throws IOException {
        String ruleId = p.getParent().getFileName().toString();
        assertTrue(registry.get(ruleId) != null, "folder " + ruleId + " names no rule");
        RulePack pack = new RulePack("fixture", null, Set.of(), Set.of(),
                Map.of(ruleId, new RulePack.RuleConfig(ruleId, null, FixtureFile.read(p).params(), 0)), Set.of(), "",
                p.toString());
        check(p, new RuleEngine(Map.of("fixture", pack), registry, CodeSet.bundled()));
    }

    /** Checks one fixture against whatever the engine runs (a pack of the user's, for instance). */
    public static void check(Path p, RuleEngine engine) throws IOException {
        FixtureFile f = FixtureFile.read(p);
        String x12 = f.toX12();
        Map<Integer, Set<String>> actual = new TreeMap<>();
        Map<Integer, List<Finding>> found = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        FileAck ack = ClaimLoader.load(new ByteArrayInputStream(x12.getBytes(StandardCharsets.UTF_8)), p.toString(),
                new LoadHandler() {
                    @Override
                    public void claim(ClaimUnit unit) {
                        for (Finding fd : engine.check(unit.claim())) {
                            actual.computeIfAbsent(fd.segment(), k -> new TreeSet<>()).add(fd.rule());
                            found.computeIfAbsent(fd.segment(), k -> new ArrayList<>()).add(fd);
                            messages.add(fd.segment() + " " + fd.rule() + " element " + fd.element() + "-"
                                    + fd.component() + ": " + fd.message());
                            assertFalse(fd.message().isBlank(), "finding without a message");
                        }
                    }
                });
        assertTrue(ack.fileErrors().isEmpty() && ack.groups().get(0).transactions().get(0).accepted(),
                "fixture is not a valid 837D: " + ack);
        Map<Integer, Set<String>> expected = new TreeMap<>();
        f.expectedBySegment().forEach((seg, rules) -> expected.put(seg, new TreeSet<>(rules)));
        assertEquals(describe(expected, f), describe(actual, f), "findings of " + p + "; messages: " + messages);
        f.expectationsBySegment().forEach((seg, es) -> {
            for (FixtureFile.Expectation e : es) {
                boolean met = found.getOrDefault(seg, List.of()).stream().anyMatch(e::matches);
                assertTrue(met, p + ": no finding on '" + f.segmentAt(seg) + "' meets '" + e + "'; messages: "
                        + messages);
            }
        });
    }

    private static String describe(Map<Integer, Set<String>> m, FixtureFile f) {
        StringBuilder b = new StringBuilder();
        m.forEach((seg, rules) -> b.append(f.segmentAt(seg)).append("  <- ").append(rules).append('\n'));
        return b.toString();
    }
}
