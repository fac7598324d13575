package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.model.Claim;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RuleRegistryTest {

    /** A would-be plugin that takes the id of a bundled rule. */
    @RuleInfo(id = "TOOTH-AGE", summary = "impostor", severity = Severity.WARNING, category = "A7",
            statusCode = "244", source = "test")
    public static final class Impostor implements Rule {
        @Override
        public void check(Claim claim, RuleContext context) {
        }
    }

    public static final class NoInfo implements Rule {
        @Override
        public void check(Claim claim, RuleContext context) {
        }
    }

    @Test
    void aPluginReusingABundledIdIsRefusedNamingBothClasses() {
        var e = assertThrows(IllegalStateException.class,
                () -> RuleRegistry.of(RuleRegistry.BUNDLED, List.of(Impostor.class)));
        assertEquals("rule id TOOTH-AGE of plugin rule " + Impostor.class.getName()
                + " is already used by bundled rule io.toothcomb.rules.checks.ToothAge;"
                + " a plugin rule needs an id of its own", e.getMessage());
    }

    @Test
    void aPluginWithoutRuleInfoIsRefused() {
        var e = assertThrows(IllegalStateException.class,
                () -> RuleRegistry.of(RuleRegistry.BUNDLED, List.of(NoInfo.class)));
        assertTrue(e.getMessage().contains(NoInfo.class.getName() + " has no @RuleInfo"), e.getMessage());
    }

    /**
     * The explicit list is complete: every rule class compiled into io.toothcomb.rules.checks is in it (a rule
     * class left out of the list would silently never run). Reads the compiled folder, which only tests do.
     */
    @Test
    void theBundledListNamesEveryRuleClass() throws IOException, URISyntaxException {
        Path dir = Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/toothcomb/rules/checks");
        Set<String> compiled = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(".class") || n.contains("$")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName("io.toothcomb.rules.checks." + n.replace(".class", ""));
                    if (c.isAnnotationPresent(RuleInfo.class) && Rule.class.isAssignableFrom(c)) {
                        compiled.add(c.getName());
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        RuleRegistry.BUNDLED.forEach(c -> listed.add(c.getName()));
        assertEquals(compiled, listed);
        assertEquals(41, RuleRegistry.bundled().rules().size());
        assertEquals(Set.of(), RuleRegistry.bundled().plugins().keySet());
    }
}
