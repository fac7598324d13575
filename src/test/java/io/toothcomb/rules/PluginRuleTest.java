package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.codes.CodeSet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin of src/plugin-test, built as a plugin author builds one: its sources compiled against
 * toothcomb's own classes alone (not the tests, not the bundled rules' helpers it cannot see), packed into a jar
 * with its META-INF/services file, and put on a class loader of its own. {@link java.util.ServiceLoader} finds the rule
 * there; a pack line runs it with a declared parameter; its {@code .claim} fixtures run through the same
 * {@link FixtureRunner} as toothcomb's.
 */
class PluginRuleTest {
    static final Path PLUGIN = Path.of("src/plugin-test");

    @TempDir
    static Path work;
    static URLClassLoader loader;
    static RuleRegistry registry;

    @BeforeAll
    static void buildThePluginJar() throws Exception {
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path toothcomb = Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", toothcomb.toString()));
        try (Stream<Path> s = Files.walk(PLUGIN.resolve("java"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, rc, "the plugin does not compile against toothcomb's classes: " + errors);
        Path jar = work.resolve("line-charge-cap.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes);
            add(out, PLUGIN.resolve("resources"));
        }
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginRuleTest.class.getClassLoader());
        registry = RuleRegistry.withPlugins(loader);
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (name.startsWith("rules/")) {
                    continue; // the fixtures are the plugin's tests, not part of its jar
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(p, (OutputStream) out);
                out.closeEntry();
            }
        }
    }

    @Test
    void serviceLoaderFindsThePluginRuleBesideTheBundledOnes() {
        assertEquals(List.of("LINE-CHARGE-CAP"), List.copyOf(registry.plugins().keySet()));
        assertEquals("com.example.toothcomb.plugin.LineChargeCap", registry.get("LINE-CHARGE-CAP").getName());
        assertEquals(RuleRegistry.bundled().rules().size() + 1, registry.rules().size());
        assertTrue(RuleRegistry.bundled().get("LINE-CHARGE-CAP") == null, "the plugin is not on the test class path");
        Param max = RuleRegistry.info(registry.get("LINE-CHARGE-CAP")).params()[0];
        assertEquals("max", max.name());
        assertEquals(ParamType.INT, max.type());
    }

    @Test
    void aPackLineRunsThePluginRuleWithItsParameter() throws IOException {
        RulePack pack = RulePack.parse(new StringReader("""
                pack acme
                description Acme Dental's own edits
                rule LINE-CHARGE-CAP max=5000 severity=error
                """), "acme.pack", registry);
        RuleEngine engine = new RuleEngine(Map.of("acme", pack), registry, CodeSet.bundled());
        Path fixture = PLUGIN.resolve("resources/rules/LINE-CHARGE-CAP/fires-charge-over-the-cap.claim");
        FixtureRunner.check(fixture, engine);
        FixtureRunner.check(PLUGIN.resolve("resources/rules/LINE-CHARGE-CAP/near-miss-charge-at-the-cap.claim"),
                engine);
    }

    @Test
    void aPackSettingAnUndeclaredParameterOrWithoutThePluginIsRefused() {
        var e = assertThrows(RulePack.PackException.class, () -> RulePack.parse(
                new StringReader("pack acme\nrule LINE-CHARGE-CAP limit=5000\n"), "acme.pack", registry));
        assertTrue(e.getMessage().startsWith("acme.pack:2: "), e.getMessage());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        var without = assertThrows(RulePack.PackException.class, () -> RulePack.parse(
                new StringReader("pack acme\nrule LINE-CHARGE-CAP max=5000\n"), "acme.pack", RuleRegistry.bundled()));
        assertEquals("acme.pack:2: unknown rule 'LINE-CHARGE-CAP' (./toothcomb rules lists them)",
                without.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> thePluginsOwnFixtures() throws IOException {
        return FixtureRunner.dynamicTests(PLUGIN.resolve("resources/rules"), registry);
    }
}
