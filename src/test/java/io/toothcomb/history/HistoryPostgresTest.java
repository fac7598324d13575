package io.toothcomb.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a real PostgreSQL: start one with .ci/postgres-start.sh and export TOOTHCOMB_PG_URL. */
@EnabledIfEnvironmentVariable(named = "TOOTHCOMB_PG_URL", matches = "jdbc:postgresql:.+")
class HistoryPostgresTest {
    @TempDir
    Path tmp;

    @Test
    void capsAndApexificationAcrossFilesWithPostgres() throws Exception {
        String url = System.getenv("TOOTHCOMB_PG_URL");
        String member = "PG" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
        new HistoryScenario(tmp, url, member).run();
        try (HistoryStore s = HistoryStore.open(url)) {
            assertEquals(HistoryStore.MIGRATIONS.size(), s.schemaVersion());
        }
    }

    /** A file of more than one batch: its batches written in one PostgreSQL transaction, seen in file order. */
    @Test
    void laterBatchesSeeEarlierOnesWithPostgres() throws Exception {
        String member = "PB" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
        HistoryBatchesTest.laterBatchesSeeEarlierOnes(tmp, System.getenv("TOOTHCOMB_PG_URL"), member);
    }
}
