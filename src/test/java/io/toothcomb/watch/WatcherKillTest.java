package io.toothcomb.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.history.HistoryStore;
import io.toothcomb.result.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher as a separate JVM, killed with SIGKILL twice while bursts of files arrive, then restarted: every
 * input ends with exactly one complete set of outputs and in exactly one place, and the history holds each
 * interchange once.
 */
@Tag("slow") // kill -9 of a busy watcher, several hundred files: minutes on two cores; run by .ci/run, excluded from the default mvn verify
class WatcherKillTest {
    static final int BURST = 120;
    static final int BURSTS = 3;

    @TempDir
    Path tmp;

    @Test
    void killNineTwiceThenEveryFileHasOneCompleteSetAndOnePlace() throws Exception {
        Path inbox = tmp.resolve("inbox");
        Path out = tmp.resolve("out");
        Path archive = tmp.resolve("archive");
        Path error = tmp.resolve("error");
        Path staging = tmp.resolve("staging");
        Files.createDirectories(inbox);
        Files.createDirectories(staging);
        List<String> names = new ArrayList<>();
        Set<String> controls = new HashSet<>();
        long seed = 1000;
        for (int i = 0; i < BURST * BURSTS; i++) {
            Path f;
            String control;
            do { // distinct ISA13s: the same one twice would be a duplicate, answered differently
                f = staging.resolve(String.format("batch-%04d.edi", i));
                // mostly small files; every 20th is big (1,500 claims) so kills tend to land mid-scrub
                SyntheticBatch.write(i % 20 == 7 ? 1500 : 1 + (int) (seed % 3), seed++, f);
                control = Files.readString(f, StandardCharsets.ISO_8859_1).substring(90, 99);
            } while (!controls.add(control));
            names.add(f.getFileName().toString());
        }
        List<String> log = new ArrayList<>();
        Process p = start(inbox, out, tmp, 1);
        drop(staging, inbox, names.subList(0, BURST));
        int[] atKill1 = killWhenArchived(p, archive, 25, log);
        p = start(inbox, out, tmp, 2);
        drop(staging, inbox, names.subList(BURST, 2 * BURST));
        int[] atKill2 = killWhenArchived(p, archive, atKill1[0] + 40, log);
        p = start(inbox, out, tmp, 3);
        drop(staging, inbox, names.subList(2 * BURST, 3 * BURST));
        // as long as files keep being archived: on a busy machine the last burst can take minutes, and each file
        // now has seven outputs to force to disk (the accepted and rejected 837s); a stall of 90 s fails
        waitWhileMoving(() -> count(archive) + count(error), names.size(), 90_000);
        p.destroy(); // SIGTERM: a clean stop
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the watcher stops on SIGTERM");
        System.out.printf("kill -9 test: %d files; first kill with %d archived, %d still in the inbox (%d of them with "
                + "outputs already written); second kill with %d archived, %d in the inbox (%d with outputs); after "
                + "restart %d archived, %d in error, %d in the inbox%n", names.size(), atKill1[0], atKill1[1],
                atKill1[2], atKill2[0], atKill2[1], atKill2[2], count(archive), count(error), count(inbox));
        assertTrue(atKill1[1] > 0 && atKill2[1] > 0, "both kills landed mid-run: " + log);

        for (String name : names) {
            int places = (Files.exists(inbox.resolve(name)) ? 1 : 0) + (Files.exists(archive.resolve(name)) ? 1 : 0)
                    + (Files.exists(error.resolve(name)) ? 1 : 0);
            assertEquals(1, places, name + " is in exactly one place");
            assertTrue(Files.exists(archive.resolve(name)), name + " was archived");
            for (Output o : Output.watcher()) {
                Path f = out.resolve(o.fileName(name));
                // the accepted and rejected 837s only when the file has such claims
                assertTrue(Files.exists(f) || !Output.defaults().contains(o), f + " exists");
                if (Files.exists(f)) {
                    complete(f);
                }
            }
            assertTrue(!Files.exists(out.resolve(Output.baseName(name) + ".ta1")), name + " not taken for a duplicate");
        }
        try (Stream<Path> s = Files.list(archive)) {
            assertEquals(names.size(), s.count(), "nothing archived twice (no NAME~2)");
        }
        Set<String> known = new HashSet<>();
        for (String name : names) {
            for (Output o : Output.watcher()) {
                known.add(o.fileName(name));
            }
        }
        try (Stream<Path> s = Files.list(out)) {
            List<String> other = s.map(x -> x.getFileName().toString()).filter(x -> !x.startsWith("."))
                    .filter(x -> !known.contains(x)).toList();
            assertEquals(List.of(), other, "no other visible output");
        }
        try (HistoryStore h = HistoryStore.open(tmp.resolve("data").toString())) {
            assertEquals(names.size(), h.count("interchange", "state = 'done'"), "each interchange recorded once");
            assertEquals(0, h.count("interchange", "state <> 'done'"));
            assertEquals(h.count("history_claim", null), h.count("(SELECT DISTINCT patient, claim_id FROM history_claim) c",
                    null) + h.count("history_claim", "superseded_at IS NOT NULL"), "claims re-scrubbed after a kill superseded, "
                    + "never doubled");
        }
    }

    /** Outputs must be whole: acknowledgments end with IEA, the XML parses, the JSON closes. */
    private static void complete(Path f) throws Exception {
        String text = Files.readString(f, StandardCharsets.UTF_8).strip();
        String n = f.getFileName().toString();
        if (n.endsWith(".999") || n.endsWith(".277") || n.endsWith(".837")) {
            assertTrue(text.startsWith("ISA") && text.matches("(?s).*IEA\\*1\\*\\d{9}~"), n + " is a whole interchange");
        } else if (n.endsWith(".xml")) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        } else if (n.endsWith(".json")) {
            assertTrue(text.startsWith("{") && text.endsWith("}"), n + " is whole JSON");
        } else {
            assertTrue(!text.isEmpty(), n + " is not empty");
        }
    }

    static Process start(Path inbox, Path out, Path tmp, int run) throws IOException {
        String main = Launch.mainClass();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        if (main.endsWith(".Main")) {
            cmd.add("watch");
        }
        cmd.addAll(List.of(inbox.toString(), "--out", out.toString(), "--settle-ms", "400", "--threads", "2"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("watch-" + run + ".log").toFile()).start();
    }

    /** Delivers files the safe way: written elsewhere, renamed into the inbox. */
    static void drop(Path staging, Path inbox, List<String> names) throws IOException {
        for (String n : names) {
            Files.move(staging.resolve(n), inbox.resolve(n), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static int[] killWhenArchived(Process p, Path archive, int n, List<String> log) throws Exception {
        waitUntil(() -> count(archive) >= n, 60_000);
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        Path inbox = archive.resolveSibling("inbox");
        Path out = archive.resolveSibling("out");
        int scrubbedNotMoved = 0;
        try (Stream<Path> s = Files.list(inbox)) {
            for (Path f : s.filter(x -> !x.getFileName().toString().startsWith(".")).toList()) {
                if (Files.exists(out.resolve(Output.ACK_999.fileName(f.getFileName().toString())))) {
                    scrubbedNotMoved++; // some or all outputs written, input not yet moved: the crash window
                }
            }
        }
        int[] at = {count(archive), count(inbox), scrubbedNotMoved};
        log.add("killed at " + at[0] + " archived, " + at[1] + " in inbox");
        return at;
    }

    static int count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(x -> !x.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Waits until {@code progress} reaches {@code target}; fails when it stands still for {@code stallMs}. */
    static void waitWhileMoving(java.util.function.IntSupplier progress, int target, long stallMs) throws Exception {
        int last = progress.getAsInt();
        long since = System.currentTimeMillis();
        while (last < target) {
            Thread.sleep(20);
            int now = progress.getAsInt();
            if (now != last) {
                last = now;
                since = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - since > stallMs) {
                throw new AssertionError("no progress for " + stallMs + " ms at " + now + " of " + target);
            }
        }
    }

    static void waitUntil(Check c, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!c.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + ms + " ms");
            }
            Thread.sleep(5);
        }
    }
}
