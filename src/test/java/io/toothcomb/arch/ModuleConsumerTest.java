package io.toothcomb.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.api.Toothcomb;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a project on the module path sees of toothcomb: the module {@code io.toothcomb} (src/main/java/module-info.java)
 * with its dependencies on the module path, a consumer module compiled against it with javac. Importing the API
 * and the rule SPI compiles; importing an internal package fails with javac's "not visible" error; the example
 * plugin rule of src/plugin-test compiles as a module of its own, and the consumer then runs as a module and finds
 * that plugin with ServiceLoader. The tests themselves run on the class path (surefire useModulePath=false).
 */
class ModuleConsumerTest {
    /** Classes of the modules io.toothcomb requires (the JDK's aside): where their jars are is where these come from. */
    private static final List<String> REQUIRED = List.of("picocli.CommandLine", "org.slf4j.Logger",
            "org.slf4j.bridge.SLF4JBridgeHandler", "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
            "org.apache.commons.io.FileUtils", "com.fasterxml.jackson.core.JsonFactory", "org.h2.Driver",
            "org.postgresql.Driver");

    static final String CONSUMER_MODULE = "module com.example.consumer { requires io.toothcomb; }\n";

    /** The consumer: the API to scrub, and the SPI and model to print what it found. */
    static final String CONSUMER = """
            package com.example.consumer;

            import io.toothcomb.api.ClaimReport;
            import io.toothcomb.api.ControlNumberStore;
            import io.toothcomb.api.FileReport;
            import io.toothcomb.api.FindingReport;
            import io.toothcomb.api.ScrubResult;
            import io.toothcomb.api.Toothcomb;
            import io.toothcomb.rules.Severity;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) throws Exception {
                    try (Toothcomb tc = Toothcomb.builder().packs(Path.of(args[2]))
                            .controlNumbers(ControlNumberStore.startingAt(1)).build()) {
                        ScrubResult r = tc.scrub(Path.of(args[0]), Path.of(args[1]));
                        System.out.println("claims " + r.claims() + " rejected " + r.rejected());
                        FileReport report = tc.report(Path.of(args[0]));
                        for (ClaimReport c : report.claims()) {
                            for (FindingReport f : c.findings()) {
                                System.out.println(c.claimId() + " " + Severity.valueOf(f.severity()).label() + " "
                                        + f.rule());
                            }
                        }
                    }
                }
            }
            """;

    /** A consumer reaching into internal packages. */
    static final String INTRUDER = """
            package com.example.consumer;

            import io.toothcomb.rules.engine.RuleEngine;
            import io.toothcomb.scrub.Scrubber;
            import io.toothcomb.loader.ClaimLoader;
            import io.toothcomb.reader.X12Reader;
            import io.toothcomb.history.HistoryStore;

            public class Intruder {
                RuleEngine engine;
                Scrubber scrubber;
                ClaimLoader loader;
                X12Reader reader;
                HistoryStore store;
            }
            """;

    @TempDir
    Path work;

    @Test
    void aModuleReachesTheApiAndTheSpiAndNothingElse() throws Exception {
        check(toothcombLocation());
    }

    /** The same against the plain jar (target/toothcomb-lib.jar), in the verify phase once it is built. */
    @Test
    @Tag("standalone")
    void theLibraryJarIsTheSameModule() throws Exception {
        Path jar = Path.of(System.getProperty("tc.libjar", "target/toothcomb-lib.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is built by mvn package");
        check(jar);
    }

    private void check(Path toothcomb) throws Exception {
        List<Path> modulePath = new ArrayList<>();
        modulePath.add(toothcomb);
        for (String c : REQUIRED) {
            Path p = Path.of(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!modulePath.contains(p)) {
                modulePath.add(p);
            }
        }
        String mp = modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        // importing an internal package: javac refuses, naming the package and the module that does not export it
        Path bad = write(work.resolve("bad"), CONSUMER_MODULE, "com/example/consumer/Intruder.java", INTRUDER);
        String[] refused = javac(bad, mp, work.resolve("bad-out"));
        assertNotEquals("0", refused[0], "an internal package must not be reachable:\n" + refused[1]);
        for (String pkg : List.of("io.toothcomb.rules.engine", "io.toothcomb.scrub", "io.toothcomb.loader",
                "io.toothcomb.reader", "io.toothcomb.history")) {
            assertTrue(refused[1].contains("package " + pkg + " is declared in module io.toothcomb, which does not"
                    + " export it"), pkg + ":\n" + refused[1]);
        }

        // the API and the SPI compile
        Path good = write(work.resolve("good"), CONSUMER_MODULE, "com/example/consumer/Main.java", CONSUMER);
        Path goodOut = work.resolve("good-out");
        String[] ok = javac(good, mp, goodOut);
        assertEquals("0", ok[0], ok[1]);

        // the example plugin rule, as a module of its own built against the exported packages alone
        Path plugin = work.resolve("plugin");
        Files.createDirectories(plugin);
        Files.writeString(plugin.resolve("module-info.java"), """
                module com.example.toothcomb.plugin {
                    requires io.toothcomb;
                    provides io.toothcomb.rules.Rule with com.example.toothcomb.plugin.LineChargeCap;
                }
                """);
        Path pluginOut = work.resolve("plugin-out");
        List<String> pluginSources = new ArrayList<>(List.of(plugin.resolve("module-info.java").toString()));
        try (Stream<Path> s = Files.walk(Path.of("src/plugin-test/java"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> pluginSources.add(p.toString()));
        }
        String[] pluginBuilt = javac(pluginSources, mp, pluginOut);
        assertEquals("0", pluginBuilt[0], "the plugin compiles against the exported packages:\n" + pluginBuilt[1]);

        // run as modules: the consumer scrubs a sample with a pack that runs the plugin rule
        Path packs = Files.createDirectories(work.resolve("packs"));
        Files.writeString(packs.resolve("acme.pack"), "pack acme\nextends medicaid\nmatch payer=SMD77\n"
                + "rule LINE-CHARGE-CAP max=50\n");
        Path out = Files.createDirectories(work.resolve("out"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", mp + File.pathSeparator + goodOut + File.pathSeparator + pluginOut,
                "--add-modules", "com.example.toothcomb.plugin",
                "-m", "com.example.consumer/com.example.consumer.Main",
                Path.of("edi-samples/defect-missing-tooth.edi").toAbsolutePath().toString(), out.toString(),
                packs.toString())
                .redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), printed);
        assertTrue(printed.contains("CB26110302 warning LINE-CHARGE-CAP"), "the plugin module's rule ran:\n" + printed);
        assertTrue(printed.contains("error TOOTH-REQUIRED"), printed);
        assertTrue(Files.isRegularFile(out.resolve("defect-missing-tooth.999")), "the outputs are written");
        assertTrue(Files.isRegularFile(out.resolve("defect-missing-tooth.277")), "the outputs are written");
    }

    private static Path toothcombLocation() throws Exception {
        Path classes = Path.of(Toothcomb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(classes.resolve("module-info.class")), "module-info.class in " + classes);
        return classes;
    }

    private static Path write(Path dir, String moduleInfo, String file, String source) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve("module-info.java"), moduleInfo);
        Files.writeString(dir.resolve(file), source);
        return dir;
    }

    private static String[] javac(Path dir, String modulePath, Path out) throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
        }
        return javac(sources, modulePath, out);
    }

    private static String[] javac(List<String> sources, String modulePath, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // an explicit (empty) class path: javac in this JVM would otherwise take the test's, toothcomb included
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString(),
                "--module-path", modulePath, "-classpath", out.toString()));
        args.addAll(sources);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, err, err, args.toArray(String[]::new));
        return new String[] {String.valueOf(rc), err.toString(StandardCharsets.UTF_8)};
    }
}
