package io.toothcomb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path tmp;

    @Test
    void capsAndApexificationAcrossFilesWithEmbeddedH2() throws Exception {
        Path data = tmp.resolve("data");
        new HistoryScenario(tmp, data.toString(), "MEMBERH2").run();
        assertTrue(Files.exists(data.resolve("toothcomb-history.mv.db")), "H2 database created on first use");
        try (HistoryStore s = HistoryStore.open(data.toString())) {
            assertEquals(HistoryStore.MIGRATIONS.size(), s.schemaVersion());
            // in force: H1 (K), H5 (8), H6 (9, a warning only), H2' (L), H8 (K), H9 (8); H4 and H7 were rejected
            // (error severity) so never recorded; H2 was replaced, H3 voided
            assertEquals(6, s.count("history_line", null));
            assertEquals(1, s.count("history_line", "tooth = 'L'"));
            assertEquals(0, s.count("history_line", "tooth = '8' AND code = 'D3351'"));
        }
    }

    @Test
    void noPhiInClearInTheDatabase() throws Exception {
        Path data = tmp.resolve("data");
        new HistoryScenario(tmp, data.toString(), "MEMBERSECRET42").run();
        try (HistoryStore s = HistoryStore.open(data.toString())) {
            assertEquals(0, s.count("history_claim", "claim_id LIKE '%MEMBERSECRET42%'"));
            assertEquals(0, s.count("history_file", "source_file LIKE '%DOE%'"));
            assertEquals(1, s.count("(SELECT DISTINCT patient FROM history_claim) k", null), "one patient, one key");
        }
        for (Path p : Files.list(data).toList()) {
            String raw = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("MEMBERSECRET42") || raw.contains("20150304"), p + " holds PHI in clear");
        }
    }

    @Test
    void migrationIsIdempotent() {
        Path data = tmp.resolve("data");
        try (HistoryStore a = HistoryStore.open(data.toString())) {
            assertEquals(HistoryStore.MIGRATIONS.size(), a.schemaVersion());
        }
        try (HistoryStore b = HistoryStore.open(data.toString())) {
            assertEquals(HistoryStore.MIGRATIONS.size(), b.schemaVersion());
            assertEquals(HistoryStore.MIGRATIONS.size(), b.count("schema_version", null));
        }
    }

    /** With a history, our control numbers come from its control_number table: unique across threads and reopens. */
    @Test
    void controlNumbersFromTheHistoryNeverRepeat() throws Exception {
        Path data = tmp.resolve("numbers");
        java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (HistoryStore store = HistoryStore.open(data.toString())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        long n = store.controlSequence().reserve(1);
                        org.junit.jupiter.api.Assertions.assertTrue(seen.add(n), "number " + n + " twice");
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) {
                j.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertEquals(200, seen.size());
        try (HistoryStore again = HistoryStore.open(data.toString())) {
            assertEquals(201, again.reserveControlNumbers(1), "the next run goes on where the last stopped");
        }
    }
}
