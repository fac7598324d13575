package io.toothcomb.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.history.HistoryScrub;
import io.toothcomb.history.HistorySession;
import io.toothcomb.history.HistoryStore;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash windows a kill -9 rarely hits by chance, set up exactly: the watcher restarted on them must finish each
 * file once, in one place, without calling it a duplicate of itself.
 */
class WatcherRestartTest {
    @TempDir
    Path tmp;

    private Watcher watcher(Path data) throws Exception {
        return new Watcher(new WatchConfig(tmp.resolve("inbox"), tmp.resolve("out"), tmp.resolve("archive"),
                tmp.resolve("error"), 200, 2, data.toString()), RuleEngine.load(null), ScrubOptions.defaults());
    }

    private Path claims() {
        return tmp.resolve("processing").resolve(WatchConfig.defaultId());
    }

    @Test
    void killedBetweenRecordingAndMovingOnlyMovesOnRestart() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path out = tmp.resolve("out");
        Path data = tmp.resolve("data");
        // claimed (renamed into the claim folder) before the kill
        Path f = Files.createDirectories(claims()).resolve("done-not-moved.edi");
        SyntheticBatch.write(3, 42, f);
        String identity = HistoryScrub.identity(f);
        // what the watcher had done when it was killed: claimed, scrubbed, outputs committed, recorded; not moved
        RuleEngine engine = RuleEngine.load(null);
        try (HistoryStore store = HistoryStore.open(data.toString())) {
            HistorySession session = new HistorySession(store);
            engine.history(session);
            HistoryScrub.run(new Scrubber(engine, ScrubOptions.defaults()), f, out, List.of(session,
                    new io.toothcomb.result.ScrubListener() {
                        @Override
                        public void interchangeStart(io.toothcomb.model.Interchange ic) {
                            store.claimInterchange(HistorySession.idOf(ic), f.getFileName().toString(), identity);
                        }
                    }), () -> { });
            session.commit(f.getFileName().toString(), identity);
        }
        Path ack = out.resolve(Output.ACK_999.fileName("done-not-moved.edi"));
        FileTime before = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(ack, before);
        Watcher w = watcher(data);
        w.start();
        try {
            WatcherKillTest.waitUntil(() -> Files.exists(tmp.resolve("archive/done-not-moved.edi")), 10_000);
        } finally {
            w.stop();
        }
        assertFalse(Files.exists(f));
        assertEquals(before, Files.getLastModifiedTime(ack), "outputs were complete: not scrubbed again");
        assertFalse(Files.exists(out.resolve("done-not-moved.ta1")), "not a duplicate of itself");
        try (HistoryStore store = HistoryStore.open(data.toString())) {
            assertEquals(1, store.count("interchange", "state = 'done'"));
            // claims with a line on a tooth are kept (the others have nothing a history rule reads)
            assertEquals(1, store.count("history_file", null), "the file recorded once, before the kill");
            assertEquals(store.count("(SELECT DISTINCT patient, claim_id FROM history_claim) c", null),
                    store.count("history_claim", null), "no claim recorded twice");
        }
    }

    @Test
    void killedMidScrubIsScrubbedAgainNotTakenForADuplicate() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path data = tmp.resolve("data");
        Path f = Files.createDirectories(claims()).resolve("half.edi");
        SyntheticBatch.write(3, 43, f);
        String identity = HistoryScrub.identity(f);
        String control = Files.readString(f).substring(90, 99);
        try (HistoryStore store = HistoryStore.open(data.toString())) {
            // claimed (pending), then killed after one output of five and a stray temp file
            store.claimInterchange(new HistoryStore.InterchangeId("TOOTHCOMBSYN", control), "half.edi", identity);
        }
        Files.writeString(out.resolve("half.999"), "stale 999 of an earlier run");
        Files.writeString(out.resolve(".half.277.123.tmp"), "ISA*half written");
        Watcher w = watcher(data);
        w.start();
        try {
            WatcherKillTest.waitUntil(() -> Files.exists(tmp.resolve("archive/half.edi")), 10_000);
        } finally {
            w.stop();
        }
        assertFalse(Files.exists(out.resolve("half.ta1")), "not a duplicate of itself");
        for (Output o : Output.defaults()) {
            assertTrue(Files.exists(out.resolve(o.fileName("half.edi"))), o + " written");
        }
        assertTrue(Files.readString(out.resolve("half.999")).startsWith("ISA"), "stale output replaced");
        try (HistoryStore store = HistoryStore.open(data.toString())) {
            assertEquals(1, store.count("interchange", "state = 'done'"));
        }
    }
}
