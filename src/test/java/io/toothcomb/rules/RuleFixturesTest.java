package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule fixture under src/test/resources/rules/RULE-ID/: the rule named by the folder runs alone on
 * the fixture, and the findings must be exactly the ones the fixture's "# expect" comments name
 * ({@link FixtureRunner}).
 */
class RuleFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/rules");

    static List<Path> fixtures() throws IOException {
        return FixtureRunner.fixtures(ROOT);
    }

    @TestFactory
    Stream<DynamicTest> everyFixture() throws IOException {
        return FixtureRunner.dynamicTests(ROOT, RuleRegistry.bundled());
    }

    static void check(Path p) throws IOException {
        FixtureRunner.check(p, RuleRegistry.bundled());
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
