package io.toothcomb.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.writers.Folders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher as a service: names never reused, folders checked at start, claims, several watchers, status. */
@Tag("slow") // two watchers on three hundred files; run by .ci/run, excluded from the default mvn verify
class WatcherServiceTest {
    @TempDir
    Path tmp;

    private WatchConfig config(String id, String history) {
        return new WatchConfig(tmp.resolve("inbox"), tmp.resolve("out"), tmp.resolve("archive"), tmp.resolve("error"),
                300, 2, history, tmp.resolve("processing"), id);
    }

    private static byte[] batch(int claims, long seed) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        SyntheticBatch.write(claims, seed, b);
        return b.toByteArray();
    }

    private void deliver(String name, byte[] content) throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path t = inbox.resolve("." + name + ".tmp");
        Files.write(t, content);
        Files.move(t, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aReDroppedFileGetsItsOwnAnswersAndNeverOverwritesTheFirst() throws Exception {
        Watcher w = new Watcher(config("one", tmp.resolve("data").toString()), RuleEngine.load(null),
                ScrubOptions.defaults());
        w.start();
        try {
            deliver("batch.edi", batch(2, 1));
            WatcherKillTest.waitUntil(() -> Files.exists(tmp.resolve("archive/batch.edi")), 10_000);
            String first999 = Files.readString(tmp.resolve("out/batch.999"));
            deliver("batch.edi", batch(3, 2)); // the same name, another interchange
            WatcherKillTest.waitUntil(() -> Files.exists(tmp.resolve("archive/batch~2.edi")), 10_000);
            assertEquals(first999, Files.readString(tmp.resolve("out/batch.999")), "the first answer is kept");
            for (Output o : Output.defaults()) {
                assertTrue(Files.exists(tmp.resolve("out").resolve(o.fileName("batch~2.edi"))), o + " of the re-drop");
            }
            assertTrue(Files.readString(tmp.resolve("out/batch~2.findings.json")).contains("\"file\":\"batch~2.edi\""));
        } finally {
            w.stop();
        }
    }

    @Test
    void foldersThatCannotBeUsedStopTheStartWithWordsAndExitTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("out-is-a-file"), "x");
        Watcher w = new Watcher(new WatchConfig(tmp.resolve("inbox"), file, tmp.resolve("archive"),
                tmp.resolve("error"), 300, 1, null, tmp.resolve("processing"), "a"), RuleEngine.load(null),
                ScrubOptions.defaults());
        Folders.Unusable e = assertThrows(Folders.Unusable.class, w::start);
        assertEquals("the output folder (--out) " + file + " is a file, not a folder: give a folder (it is created when "
                + "missing)", e.getMessage());
        w.stop();
        // the same through the command line: exit 2, nothing started
        assertEquals(2, io.toothcomb.cli.Main.run("watch", tmp.resolve("inbox").toString(), "--out", tmp.toString(),
                "--error", file.toString(), "--no-history", "--id", "b"));
    }

    @Test
    void aSecondWatcherWithTheSameIdIsRefusedAndStaleTemporaryFilesAreRemoved() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path stale = Files.writeString(out.resolve(".x.999." + Integer.toHexString(hostHash()) + "-" + deadPid()
                + ".abc.tmp"), "PHI of a killed run");
        Watcher a = new Watcher(config("same", null), RuleEngine.load(null), ScrubOptions.defaults());
        a.start();
        try {
            assertFalse(Files.exists(stale), "a killed run's temporary file is removed at start");
            Watcher b = new Watcher(config("same", null), RuleEngine.load(null), ScrubOptions.defaults());
            Folders.Unusable e = assertThrows(Folders.Unusable.class, b::start);
            assertTrue(e.getMessage().startsWith("another watcher with the id 'same' is running on this inbox"),
                    e.getMessage());
            b.stop();
            // the first one still works, and says so in its heartbeat
            deliver("after.edi", batch(1, 5));
            WatcherKillTest.waitUntil(() -> Files.exists(tmp.resolve("archive/after.edi")), 10_000);
            assertEquals(0, io.toothcomb.cli.Main.run("status", tmp.resolve("inbox").toString()));
        } finally {
            a.stop();
        }
        assertEquals(1, io.toothcomb.cli.Main.run("status", tmp.resolve("inbox").toString()), "stopped");
    }

    private static int hostHash() throws Exception {
        // as AtomicOutput tags its temporary names: the host name's hash, 20 bits
        return java.net.InetAddress.getLocalHost().getHostName().hashCode() & 0xfffff;
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    /** What two watchers on one inbox did with the files dropped into it. */
    private record TwoWatchers(List<String> names, Set<String> controls) {
    }

    /**
     * Drops {@code files} one- and two-claim files (each with its own ISA13, from {@code seed} on) into the inbox that
     * watchers a and b share, each with its history, and waits until all are archived; then checks that each file
     * was finished by exactly one of them, archived once under its own name, and that nothing is left or in error/.
     */
    private TwoWatchers twoWatchers(String prefix, int files, long seed, String historyA, String historyB,
                                    long waitMillis) throws Exception {
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        List<String> all = new ArrayList<>();
        Set<String> controls = new HashSet<>();
        for (int i = 0; i < files; i++) {
            Path f = staging.resolve(String.format("%s-%03d.edi", prefix, i));
            String control;
            do {
                SyntheticBatch.write(1 + (int) (seed % 2), seed++, f);
                control = Files.readString(f, StandardCharsets.ISO_8859_1).substring(90, 99);
            } while (!controls.add(control));
            all.add(f.getFileName().toString());
        }
        Watcher a = new Watcher(config("a", historyA), RuleEngine.load(null), ScrubOptions.defaults());
        Watcher b = new Watcher(config("b", historyB), RuleEngine.load(null), ScrubOptions.defaults());
        a.start();
        b.start();
        try {
            WatcherKillTest.drop(staging, inbox, all);
            WatcherKillTest.waitUntil(() -> WatcherKillTest.count(tmp.resolve("archive")) >= files, waitMillis);
            Thread.sleep(500); // anything scrubbed twice would show now
        } finally {
            a.stop();
            b.stop();
        }
        System.out.printf("two watchers, one inbox, %s: %d files, watcher a finished %d, watcher b %d%n",
                historyA.equals(historyB) ? "one shared history" : "a history each", files, a.finished(),
                b.finished());
        assertEquals(files, a.finished() + b.finished(), "each file finished by exactly one watcher");
        assertEquals(all, names(tmp.resolve("archive")), "each archived once, under its own name");
        assertEquals(List.of(), names(inbox));
        assertFalse(Files.exists(tmp.resolve("error")) && !names(tmp.resolve("error")).isEmpty());
        return new TwoWatchers(all, controls);
    }

    /** Two watchers, each with its own history, on one inbox: every file is scrubbed by exactly one of them. */
    @Test
    void twoWatchersOnOneInboxScrubEachFileOnce() throws Exception {
        TwoWatchers run = twoWatchers("f", 300, 5000, tmp.resolve("data-a").toString(),
                tmp.resolve("data-b").toString(), 120_000);
        List<String> expected = new ArrayList<>();
        for (String n : run.names()) {
            for (Output o : Output.defaults()) {
                expected.add(o.fileName(n));
            }
        }
        assertEquals(expected.stream().sorted().toList(), names(tmp.resolve("out")),
                "one set of answers per file: no NAME~2, no TA1");
    }

    /**
     * Two watchers sharing one PostgreSQL history (two servers on one inbox), with the control numbers of a fresh
     * seed so that earlier runs against the same database do not count: each file is scrubbed and recorded once.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = "TOOTHCOMB_PG_URL",
            matches = "jdbc:postgresql:.+")
    void twoWatchersSharingAPostgresHistoryScrubAndRecordEachFileOnce() throws Exception {
        String url = System.getenv("TOOTHCOMB_PG_URL");
        TwoWatchers run = twoWatchers("p", 200, System.nanoTime() & 0xffffffffL, url, url, 180_000);
        String in = String.join(",", run.controls().stream().map(c -> "'" + c + "'").toList());
        try (io.toothcomb.history.HistoryStore h = io.toothcomb.history.HistoryStore.open(url)) {
            assertEquals(run.names().size(), h.count("interchange", "state = 'done' AND control IN (" + in + ")"),
                    "each interchange recorded once in the shared history");
        }
    }
}
