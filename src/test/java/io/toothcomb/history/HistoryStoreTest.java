package io.toothcomb.history;

import io.toothcomb.rules.ClaimHistory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store under the load a watcher puts on it: several files recording at once, odd senders, old databases. */
class HistoryStoreTest {
    @TempDir
    Path tmp;

    private static List<HistoryStore.Accepted> claims(int count, int patients, String prefix) {
        List<HistoryStore.Accepted> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new HistoryStore.Accepted(i % patients, prefix + i, null, "1",
                    List.of(new ClaimHistory.Line("D1354", String.valueOf(1 + i % 32), LocalDate.of(2026, 1, 5)))));
        }
        return out;
    }

    /**
     * Six files recording at once, the same claims of the same patients in each (a batch dropped several times):
     * every one commits (no deadlock, no lock timeout), and each claim is in force exactly once afterwards.
     */
    @Test
    void concurrentFilesRecordingTheSameClaimsNeverFail() throws Exception {
        try (HistoryStore store = HistoryStore.open(tmp.resolve("data").toString())) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        store.record("file-" + thread + "-" + round + ".edi", claims(1200, 150, "C"),
                                List.of(new HistoryStore.InterchangeId("SENDER" + thread, String.valueOf(round))),
                                "identity-" + thread + "-" + round);
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get(240, TimeUnit.SECONDS); // an exception here is a failed record
            }
            pool.shutdown();
            assertEquals(30, store.count("interchange", "state = 'done'"));
            assertEquals(1200, store.count("history_claim", "superseded_at IS NULL"), "each claim in force once");
            assertEquals(1200, store.count("history_line", null), "the lines of superseded claims are gone");
            assertEquals(30 * 1200, store.count("history_claim", null));
        }
    }

    /** ISA06 is 15 characters by the standard; a longer one (19 here, or 80) is recorded, never a failed insert. */
    @Test
    void longSenderIdsAreRecorded() {
        try (HistoryStore store = HistoryStore.open(tmp.resolve("data").toString())) {
            HistoryStore.InterchangeId nineteen = new HistoryStore.InterchangeId("ABCDEFGHIJKLMNOPQRS", "000000001");
            HistoryStore.InterchangeId eighty = new HistoryStore.InterchangeId("X".repeat(80), "000000002");
            for (HistoryStore.InterchangeId id : List.of(nineteen, eighty)) {
                assertEquals(HistoryStore.Claimed.NEW, store.claimInterchange(id, "f.edi", "id-" + id.control()).state());
            }
            store.record("f.edi", claims(3, 2, "L"), List.of(nineteen, eighty), "id-000000001");
            assertEquals(2, store.count("interchange", "state = 'done'"));
            assertEquals(HistoryStore.Claimed.DUPLICATE,
                    store.claimInterchange(nineteen, "g.edi", "another").state(), "the long sender is found again");
        }
    }

    /** A database of schema version 2 (the 64-character hex key on every row) opens and keeps its history. */
    @Test
    void versionTwoDatabaseMigratesForward() throws Exception {
        Path dir = tmp.resolve("old");
        String url = "jdbc:h2:file:" + dir.resolve("toothcomb-history");
        String hex = "0123456789abcdef".repeat(4);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, script VARCHAR(100) NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL)");
            for (int v = 1; v <= 2; v++) {
                for (String sql : HistoryStore.statements(HistoryStore.MIGRATIONS.get(v - 1))) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version VALUES (" + v + ", 'v" + v + "', CURRENT_TIMESTAMP)");
            }
            st.execute("INSERT INTO history_meta VALUES ('patient-salt', '" + "ab".repeat(32) + "')");
            st.execute("INSERT INTO claim (id, patient_key, claim_id, payer_ccn, frequency, source_file, recorded_at, "
                    + "superseded_at) VALUES (1, '" + hex + "', 'OLD1', NULL, '1', 'a.edi', TIMESTAMP '2026-01-02 "
                    + "10:00:00', TIMESTAMP '2026-01-03 10:00:00'), (2, '" + hex + "', 'OLD1', NULL, '1', 'b.edi', "
                    + "TIMESTAMP '2026-01-03 10:00:00', NULL), (3, '" + hex + "', 'OLD2', NULL, '1', 'b.edi', "
                    + "TIMESTAMP '2026-01-03 10:00:00', NULL)");
            st.execute("INSERT INTO service_line VALUES (2, '" + hex + "', 1, '8', 'D3351', DATE '2025-11-01'), "
                    + "(3, '" + hex + "', 1, 'K', 'D1354', DATE '2025-12-01'), (3, '" + hex + "', 2, NULL, 'D0120', "
                    + "DATE '2025-12-01')");
        }
        try (HistoryStore store = HistoryStore.open(dir.toString())) {
            assertEquals(HistoryStore.MIGRATIONS.size(), store.schemaVersion());
            assertEquals(2, store.count("history_claim", null), "the claims in force are carried over");
            assertEquals(1, store.count("history_file", null));
            List<HistoryStore.Row> rows = store.reader().lines(PatientKey.fromHex(hex));
            assertEquals(3, rows.size());
            assertTrue(rows.stream().anyMatch(r -> r.line().code().equals("D3351") && "8".equals(r.line().tooth())
                    && r.line().serviceDate().equals(LocalDate.of(2025, 11, 1)) && r.claimId().equals("OLD1")));
        }
        try (HistoryStore again = HistoryStore.open(dir.toString())) {
            assertEquals(3, again.count("history_line", null), "opening it again changes nothing");
        }
    }
}
