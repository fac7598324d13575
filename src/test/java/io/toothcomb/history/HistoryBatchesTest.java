package io.toothcomb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file with more accepted claims than one batch: its claims are written into the database while it is scrubbed
 * (one transaction, committed at the end), and a claim still sees every earlier accepted claim of the file in file
 * order, whether written already or still held.
 */
class HistoryBatchesTest {
    @TempDir
    Path tmp;

    /** {@code n} claims on tooth 3 with a code no history rule reads: they only push the others into later batches. */
    private static List<String> filler(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(HistoryScenario.claim(prefix + i, "1", null, "D2391", "3", "20250105"));
        }
        return out;
    }

    /**
     * One file of 1,504 claims of one patient: A1 in the first batch, A2 in the second, A3 in the third crosses the
     * cap of two D1354 on tooth K; A2 replaced later in the file leaves A4 within it. Also run against PostgreSQL.
     */
    static void laterBatchesSeeEarlierOnes(Path dir, String spec, String member) throws IOException {
        int batch = HistoryStore.BATCH;
        HistoryScenario s = new HistoryScenario(dir, spec, member);
        List<String> claims = new ArrayList<>();
        claims.add(HistoryScenario.claim("A1", "1", null, "D1354", "K", "20250110"));
        claims.addAll(filler("F", batch));
        // second batch: the second D1354 on K within 12 months is within the cap of two
        claims.add(HistoryScenario.claim("A2", "1", null, "D1354", "K", "20250415"));
        claims.addAll(filler("G", batch));
        // third batch: a third one crosses it (A1 and A2 were written in the two batches before)
        claims.add(HistoryScenario.claim("A3", "1", null, "D1354", "K", "20250820"));
        // A2 replaced by a D1354 on tooth L: K keeps only A1, so A4 is within the cap again
        claims.add(HistoryScenario.claim("A2", "7", "PAYERCCN0002", "D1354", "L", "20250415"));
        claims.addAll(filler("H", batch));
        claims.add(HistoryScenario.claim("A4", "1", null, "D1354", "K", "20250910"));
        var found = s.scrubMany(claims);
        assertEquals(3 * batch + 4, found.size(), "every CLM01 has its entry in findings.json (A2 twice)");
        assertEquals(Set.of(), found.get("F0"), "" + found.get("F0"));
        assertEquals(Set.of(), found.get("A1"), "" + found.get("A1"));
        assertEquals(Set.of("HISTORY-D1354-FREQUENCY"), found.get("A3"), "A3 sees A1 and A2 of earlier batches");
        assertEquals(Set.of(), found.get("A4"), "the replacement of A2 in a later batch took it off tooth K");
    }

    @Test
    void laterBatchesSeeEarlierOnesInFileOrder() throws Exception {
        Path data = tmp.resolve("data");
        laterBatchesSeeEarlierOnes(tmp, data.toString(), "MEMBERBATCH");
        try (HistoryStore store = HistoryStore.open(data.toString())) {
            // in force: A1, A2' (tooth L) and A4; A3 was rejected, A2's first version superseded; the fillers bill a
            // code no history rule reads, so they are not kept
            assertEquals(3, store.count("history_claim", "superseded_at IS NULL"));
            assertEquals(0, store.count("history_line", "code = 'D2391'"));
            assertEquals(1, store.count("history_claim", "superseded_at IS NOT NULL"));
            assertEquals(2, store.count("history_line", "tooth = 'K'"));
            assertEquals(1, store.count("history_line", "tooth = 'L'"));
            assertEquals(1, store.count("history_file", null), "one file recorded once");
        }
    }

    /** A scrub that fails after batches were written keeps nothing of them, and the next file records as usual. */
    @Test
    void aFailedScrubKeepsNothingOfItsBatches() throws Exception {
        int batch = HistoryStore.BATCH;
        Path packs = tmp.resolve("packs");
        Files.createDirectories(packs);
        Files.writeString(packs.resolve("historytest.pack"), HistoryScenario.PACK);
        HistoryScenario scenario = new HistoryScenario(tmp, tmp.resolve("scratch").toString(), "MEMBERFAIL");
        scenario.scrubMany(filler("F", 2 * batch + 10)); // writes in/batch1.edi (into a history of its own)
        Path in = tmp.resolve("in").resolve("batch1.edi");
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        RuleEngine engine = RuleEngine.load(packs);
        try (HistoryStore store = HistoryStore.open(tmp.resolve("data").toString())) {
            HistorySession session = new HistorySession(store); // every line on a tooth, the fillers' too
            engine.history(session);
            Scrubber scrubber = new Scrubber(engine, ScrubOptions.defaults());
            int[] seen = {0};
            ScrubListener failing = new ScrubListener() {
                @Override
                public void claim(ClaimResult r) throws IOException {
                    if (++seen[0] == 2 * batch + 5) {
                        throw new IOException("disk full (a test)");
                    }
                }
            };
            assertThrows(IOException.class, () -> HistoryScrub.run(scrubber, in, out, List.of(session, failing),
                    () -> { }));
            assertTrue(session.acceptedCount() >= 2 * batch, "two batches were written before the failure");
            session.reset();
            assertEquals(0, store.count("history_claim", null), "nothing of the failed file is kept");
            assertEquals(0, store.count("history_file", null));
            // the record lock was given back: the whole file now records
            HistoryScrub.Outcome o = HistoryScrub.run(scrubber, in, out, List.of(session), () -> { });
            session.commit("batch1.edi", "id-1");
            assertEquals(2L * batch + 10, o.summary().accepted());
            assertEquals(2L * batch + 10, store.count("history_claim", "superseded_at IS NULL"));
            assertEquals(0, session.acceptedCount(), "the session is ready for the next file");
        }
    }
}
