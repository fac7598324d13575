package io.toothcomb.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher as a service manager runs it, in its own JVM: SIGTERM in the middle of a big file stops it within
 * 10 s (exit 143) with the file back in the inbox, no temporary file, nothing in error/; the restarted watcher
 * scrubs it whole. A second watcher on the same embedded history is refused in words (exit 2).
 */
@Tag("slow")
class WatcherSigtermTest {
    @TempDir
    Path tmp;

    private Process start(String id, String log) throws Exception {
        String main = Launch.mainClass();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        if (main.endsWith(".Main")) {
            cmd.add("watch");
        }
        cmd.addAll(List.of(tmp.resolve("inbox").toString(), "--out", tmp.resolve("out").toString(), "--settle-ms",
                "300", "--threads", "1", "--id", id));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile()).start();
    }

    private List<String> all(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sigtermMidFileStopsWithinTenSecondsAndTheRestartScrubsItWhole() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        SyntheticBatch.write(3_000, 3, staging.resolve("big.edi"));
        Process w = start("w1", "run1.log");
        WatcherKillTest.waitUntil(() -> Files.readString(tmp.resolve("run1.log")).contains("watching "), 30_000);

        // a second watcher on the same embedded history: refused, in words
        Process second = start("w2", "second.log");
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        String said = Files.readString(tmp.resolve("second.log"));
        assertEquals(2, second.exitValue(), said);
        assertTrue(said.contains("another watcher (or a 'scrub --history') holds the claim history in "), said);

        Files.move(staging.resolve("big.edi"), inbox.resolve("big.edi"), StandardCopyOption.ATOMIC_MOVE);
        Path claimed = tmp.resolve("processing/w1/big.edi");
        WatcherKillTest.waitUntil(() -> Files.exists(claimed), 30_000);
        Thread.sleep(300); // into the scrub
        long t0 = System.nanoTime();
        w.destroy(); // SIGTERM
        assertTrue(w.waitFor(10, TimeUnit.SECONDS), "stopped within 10 s");
        long stopMs = (System.nanoTime() - t0) / 1_000_000;
        String log1 = Files.readString(tmp.resolve("run1.log"));
        assertEquals(143, w.exitValue(), log1);
        assertTrue(Files.exists(inbox.resolve("big.edi")), "back in the inbox: " + log1);
        assertEquals(List.of(".lock", ".status"), all(tmp.resolve("processing/w1")));
        assertEquals(List.of(), all(tmp.resolve("out")), "no output, no temporary file: " + log1);
        assertEquals(List.of(), all(tmp.resolve("error")), "nothing in error/");
        assertEquals(List.of(), all(tmp.resolve("archive")));

        Process again = start("w1", "run2.log");
        long t1 = System.nanoTime();
        try {
            WatcherKillTest.waitUntil(() -> Files.exists(tmp.resolve("archive/big.edi")), 60_000);
        } catch (AssertionError e) {
            again.destroy();
            throw new AssertionError(Files.readString(tmp.resolve("run2.log")), e);
        }
        long rescrubMs = (System.nanoTime() - t1) / 1_000_000;
        again.destroy();
        assertTrue(again.waitFor(10, TimeUnit.SECONDS));
        String log2 = Files.readString(tmp.resolve("run2.log"));
        System.out.printf("SIGTERM mid-file: stopped in %d ms (exit %d); restarted, the file scrubbed whole in %d ms%n",
                stopMs, w.exitValue(), rescrubMs);
        List<String> expected = new ArrayList<>();
        for (Output o : Output.watcher()) {
            expected.add(o.fileName("big.edi"));
        }
        assertEquals(expected.stream().sorted().toList(), all(tmp.resolve("out")), log2);
        assertTrue(Files.readString(tmp.resolve("out/big.999")).contains("AK9*A"), "accepted, whole");
        assertTrue(log2.contains("big.edi: 3000 claims"), log2);
        assertEquals(List.of(), all(tmp.resolve("error")));
        assertEquals(List.of(), all(inbox));
    }
}
