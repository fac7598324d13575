package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.result.Output;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone install: target/toothcomb.jar, copied alone into an empty folder, scrubs the bundled samples
 * from yet another folder with {@code java -jar}; and the {@code ./toothcomb} launcher never rebuilds silently.
 * Tag "standalone": Maven runs these in the verify phase, after package has made the jar (pom.xml).
 */
@Tag("standalone")
class StandaloneJarTest {
    private static final Path BASE = Path.of(System.getProperty("tc.basedir", ".")).toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("tc.jar", "target/toothcomb.jar")).toAbsolutePath();
    private static final Path SAMPLES = BASE.resolve("edi-samples");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private Run run(Path dir, List<String> cmd, Map<String, String> env) throws Exception {
        Path out = tmp.resolve("stdout-" + System.nanoTime());
        Path err = tmp.resolve("stderr-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // never the user's configuration or control-number file
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
        pb.environment().remove("TOOTHCOMB_REBUILD");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finishes: " + cmd);
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".edi")).sorted().toList();
        }
    }

    private Path copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
        return to;
    }

    @Test
    void theJarAloneScrubsTheSamplesFromAnotherFolder() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.copy(JAR, app.resolve("toothcomb.jar"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        copyTree(SAMPLES, work.resolve("in"));

        Run r = run(work, List.of(java(), "-jar", app.resolve("toothcomb.jar").toString(), "scrub", "in", "--out",
                "out", "--history", "hist"), Map.of());

        assertEquals(3, r.exit(), "exit 3: four samples are broken on purpose\n" + r.err());
        List<String> names = samples();
        assertTrue(r.out().contains("total: " + names.size() + " files"), r.out());
        assertFalse(r.err().contains("Exception") || r.err().contains("NoClassDefFound"), r.err());
        Path out = work.resolve("out");
        // every output of every sample, but no 277CA where the 999 rejects the whole transaction set
        List<String> no277 = List.of("broken-truncated.edi", "broken-wrong-version.edi");
        for (String n : names) {
            for (Output o : Output.defaults()) {
                Path f = out.resolve(o.fileName(n));
                if (no277.contains(n) && f.getFileName().toString().endsWith(".277")) {
                    assertFalse(Files.exists(f), "no 277CA: " + f);
                } else {
                    assertTrue(Files.size(f) > 0, "written: " + f);
                }
            }
        }
        // the 999s say what the in-process scrub says: the wrong version rejected, a clean file accepted
        assertTrue(Files.readString(out.resolve("broken-wrong-version.999")).contains("AK9*R*"));
        assertTrue(Files.readString(out.resolve("clean-two-groups.999")).contains("AK9*A*"));
        // the claim history (H2, found through the merged java.sql.Driver services) was created
        try (Stream<Path> s = Files.list(work.resolve("hist"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".mv.db")), "H2 history file");
        }
    }

    @Test
    void theJarIsSmallWithItsServicesMergedAndWithoutSmooks() throws Exception {
        assertTrue(Files.size(JAR) <= 25L * 1024 * 1024, "at most 25 MB: " + Files.size(JAR));
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("picocli/CommandLine.class"), "dependencies inside");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("org/smooks/") || n.startsWith("org/apache/daffodil/")
                    || n.startsWith("scala/")), "Smooks and the EDI cartridge stay out");
            assertTrue(names.stream().noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")), "no signatures");
            String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes());
            assertTrue(drivers.contains("org.h2.Driver") && drivers.contains("org.postgresql.Driver"), drivers);
            assertEquals("io.toothcomb.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    /** A checkout with the launcher, a built jar, two samples and a source file. */
    private Path checkout() throws IOException {
        Path co = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(BASE.resolve("toothcomb"), co.resolve("toothcomb"), StandardCopyOption.COPY_ATTRIBUTES);
        Path samples = Files.createDirectories(co.resolve("edi-samples"));
        for (String n : List.of("defect-surfaces-area.edi", "broken-guide.edi", "broken-wrong-version.edi")) {
            Files.copy(SAMPLES.resolve(n), samples.resolve(n));
        }
        Path src = Files.createDirectories(co.resolve("src/main/java"));
        Files.writeString(src.resolve("A.java"), "class A {}\n");
        Files.setLastModifiedTime(src.resolve("A.java"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.createDirectories(co.resolve("target"));
        Files.copy(JAR, co.resolve("target/toothcomb.jar"));
        return co;
    }

    @Test
    void theLauncherRunsTheExistingJarWhenSourcesChangedAndSaysSo() throws Exception {
        Path co = checkout();
        List<String> cmd = List.of("bash", co.resolve("toothcomb").toString(), "scrub",
                co.resolve("edi-samples/broken-wrong-version.edi").toString(), "--out", "out");
        Run first = run(co, cmd, Map.of());
        assertEquals(3, first.exit(), first.err());
        assertFalse(first.err().contains("building"), first.err());
        assertTrue(first.err().contains("class-data archive"), first.err());
        assertTrue(Files.size(co.resolve("target/toothcomb.jsa")) > 0, "the AppCDS archive is recorded");
        assertTrue(Files.exists(co.resolve("out/broken-wrong-version.999")));

        // an edited source: a note, no build (this checkout has no pom.xml, a build could only fail), the same answer
        Files.setLastModifiedTime(co.resolve("src/main/java/A.java"), FileTime.fromMillis(System.currentTimeMillis()));
        Run second = run(co, cmd, Map.of());
        assertEquals(3, second.exit(), second.err());
        assertTrue(second.err().contains("src/main/java/A.java") && second.err().contains("--rebuild"), second.err());
        assertFalse(second.err().contains("building") || second.err().contains("class-data archive"), second.err());
    }

    @Test
    void aFailedBuildOfAMissingJarShowsMavenAndExitsFive() throws Exception {
        Path co = checkout();
        Files.delete(co.resolve("target/toothcomb.jar"));
        Files.writeString(co.resolve("pom.xml"), "<project>this is not a pom");
        Run r = run(co, List.of("bash", co.resolve("toothcomb").toString(), "scrub", "edi-samples", "--out", "out"),
                Map.of());
        assertEquals(5, r.exit(), r.err());
        assertTrue(r.err().contains("target/toothcomb.jar is missing; building it"), r.err());
        assertTrue(r.err().contains("the build failed") && r.err().contains("pom.xml"), "Maven's output: " + r.err());
        assertFalse(Files.exists(co.resolve("out")), "nothing scrubbed");
    }
}
