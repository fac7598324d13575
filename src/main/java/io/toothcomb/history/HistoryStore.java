package io.toothcomb.history;

import io.toothcomb.rules.ClaimHistory;
import io.toothcomb.control.ControlSequence;
import io.toothcomb.model.Claim;
import io.toothcomb.model.ServiceLine;
import io.toothcomb.model.Tooth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim history database: embedded H2 in a data folder by default, or any JDBC URL (a shared PostgreSQL).
 * The schema is created and migrated on open: {@code schema_version} holds the versions applied, and the scripts
 * listed in {@link #MIGRATIONS} are applied in order. Thread-safe: connections are pooled, one per caller at a time.
 */
public final class HistoryStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    /** Ordered migration scripts (resources beside this class); append, never edit one that has shipped. */
    static final List<String> MIGRATIONS = List.of("V1__claim_history.sql", "V2__control_number.sql",
            "V3__compact_history.sql");
    private static final String UNIQUE_VIOLATION = "23505";

    private final String url;
    private final String description;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final List<Connection> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private byte[] salt;
    private volatile boolean closed;

    /** A row of the history as rules need it, with the identity of the claim that recorded it. */
    record Row(ClaimHistory.Line line, String claimId, String payerCcn) {
    }

    /** What {@link #claimInterchange} found. */
    public enum Claimed { NEW, RESUME_SCRUB, RESUME_MOVE, DUPLICATE }

    /** The answer of {@link #claimInterchange}: for a duplicate, the file that brought the interchange first. */
    public record InterchangeCheck(Claimed state, String firstFile, Instant firstReceived) {
    }

    private HistoryStore(String url, String description) {
        this.url = url;
        this.description = description;
    }

    /**
     * Opens (and creates or migrates) the history named by {@code spec}: a JDBC URL ({@code jdbc:postgresql://…},
     * {@code jdbc:h2:…}) or a folder for an embedded H2 database, created on first use.
     */
    public static HistoryStore open(String spec) {
        String url;
        String what;
        if (spec.startsWith("jdbc:")) {
            url = spec;
            what = spec.replaceAll("(?i)(password=)[^&;]*", "$1***");
        } else {
            Path dir = Path.of(spec).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new HistoryException("cannot create the history folder " + dir + ": " + e.getMessage(), e);
            }
            // WRITE_DELAY=0: a commit is written out at once, so a kill -9 right after it loses nothing;
            // DB_CLOSE_ON_EXIT=FALSE: at SIGTERM H2's own shutdown hook would close the database under the files
            // still being stopped (they then failed with "database closed"); the owner closes it
            // LOCK_TIMEOUT: a file recording its claims waits up to 2 min for another one doing the same (then retries);
            // MAX_COMPACT_TIME: on close, up to 2 s rewriting half-empty chunks, so the file stays near its content
            url = "jdbc:h2:file:" + dir.resolve("toothcomb-history") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
                    + ";LOCK_TIMEOUT=120000;MAX_COMPACT_TIME=2000";
            what = dir.toString();
        }
        HistoryStore s = new HistoryStore(url, what);
        s.migrate();
        return s;
    }

    public String description() {
        return description;
    }

    private Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("the history store is closed");
        }
        Connection c = idle.poll();
        if (c != null && !c.isClosed()) {
            return c;
        }
        c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        all.add(c);
        return c;
    }

    private void giveBack(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.getAutoCommit()) {
                c.rollback(); // nothing half-done survives a borrow
            }
        } catch (SQLException ignored) {
            // the next borrow opens a new one
        }
        idle.add(c);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        Connection c = null;
        try {
            c = borrow();
            T t = work.run(c);
            c.commit();
            return t;
        } catch (SQLException e) {
            throw new HistoryException("claim history (" + description + "): cannot " + what + ": "
                    + e.getMessage(), e);
        } finally {
            giveBack(c);
        }
    }

    /** SQL states of a lock wait that timed out or a deadlock (H2 and PostgreSQL): worth trying again. */
    private static final java.util.Set<String> CONTENTION = java.util.Set.of("40001", "40P01", "HYT00", "55P03");
    private static final int ATTEMPTS = 5;

    /** {@link #inTransaction}, tried again (after a short pause) when another writer held a lock too long. */
    private <T> T retrying(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(what, work);
            } catch (HistoryException e) {
                if (attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException s)
                        || s.getSQLState() == null || !CONTENTION.contains(s.getSQLState())) {
                    throw e;
                }
                LOG.warn("claim history " + description + ": " + what + ": " + s.getMessage().lines().findFirst()
                        .orElse("") + "; trying again (" + attempt + " of " + (ATTEMPTS - 1) + ")");
                try {
                    Thread.sleep(50L * attempt + (long) (Math.random() * 100));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------- schema

    private void migrate() {
        inTransaction("create or migrate the schema", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "script VARCHAR(100) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            }
            c.commit();
            int current = currentVersion(c);
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                String script = MIGRATIONS.get(v - 1);
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(script)) {
                        st.execute(sql);
                    }
                }
                if (script.startsWith("V3__")) {
                    copyVersion1Rows(c);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, script);
                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
                c.commit();
                LOG.info("claim history " + description + ": applied migration " + script);
            }
            salt = loadSalt(c);
            return null;
        });
    }

    /**
     * Version 3: copies the claims in force and their lines from V1's {@code claim} and {@code service_line} into the
     * compact tables (superseded claims have no lines and are never read), {@link #BATCH} claims at a time, then drops
     * the old tables. The patient key keeps its first 64 bits, so keys recorded before and after still match.
     */
    private static void copyVersion1Rows(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX service_line_claim_v1 ON service_line (claim_ref)");
            st.execute("INSERT INTO history_file (source_file, recorded_at) SELECT DISTINCT source_file, recorded_at "
                    + "FROM claim WHERE superseded_at IS NULL");
        }
        try (PreparedStatement claims = c.prepareStatement("SELECT c.id, c.patient_key, c.claim_id, c.payer_ccn, "
                     + "c.frequency, f.id FROM claim c JOIN history_file f ON f.source_file = c.source_file "
                     + "AND f.recorded_at = c.recorded_at WHERE c.superseded_at IS NULL AND c.id > ? ORDER BY c.id",
                     ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             PreparedStatement lines = c.prepareStatement("SELECT claim_ref, tooth, code, service_date "
                     + "FROM service_line WHERE claim_ref >= ? AND claim_ref <= ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO history_claim (patient, claim_id, payer_ccn, "
                     + "frequency, file_ref) VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
             PreparedStatement line = c.prepareStatement("INSERT INTO history_line (claim_ref, tooth, code, "
                     + "service_date) VALUES (?, ?, ?, ?)")) {
            claims.setMaxRows(BATCH);
            long after = 0;
            while (true) {
                List<Long> old = new ArrayList<>();
                claims.setLong(1, after);
                try (ResultSet rs = claims.executeQuery()) {
                    while (rs.next()) {
                        old.add(rs.getLong(1));
                        ins.setLong(1, PatientKey.fromHex(rs.getString(2)));
                        ins.setString(2, rs.getString(3));
                        ins.setString(3, rs.getString(4));
                        ins.setString(4, rs.getString(5));
                        ins.setLong(5, rs.getLong(6));
                        ins.addBatch();
                    }
                }
                if (old.isEmpty()) {
                    break;
                }
                ins.executeBatch();
                Map<Long, Long> moved = new HashMap<>();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    for (Long o : old) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned fewer generated keys than claims copied");
                        }
                        moved.put(o, keys.getLong(1));
                    }
                }
                lines.setLong(1, old.get(0));
                lines.setLong(2, old.get(old.size() - 1));
                int n = 0;
                try (ResultSet rs = lines.executeQuery()) {
                    while (rs.next()) {
                        Long to = moved.get(rs.getLong(1));
                        if (to == null) {
                            continue; // a line of a superseded claim (none are left in force)
                        }
                        line.setLong(1, to);
                        line.setString(2, rs.getString(2));
                        line.setString(3, rs.getString(3));
                        line.setDate(4, rs.getDate(4));
                        line.addBatch();
                        n++;
                    }
                }
                if (n > 0) {
                    line.executeBatch();
                }
                after = old.get(old.size() - 1);
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE service_line");
            st.execute("DROP TABLE claim");
        }
    }

    /** The schema version in force (0 before the first migration). */
    public int schemaVersion() {
        return inTransaction("read the schema version", HistoryStore::currentVersion);
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static List<String> statements(String script) throws SQLException {
        String text;
        try (InputStream in = HistoryStore.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new SQLException("migration script " + script + " is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration script " + script, e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.equals(";")) {
                if (!b.toString().isBlank()) {
                    out.add(b.toString().strip());
                }
                b.setLength(0);
            } else if (!t.startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        if (!b.toString().isBlank()) {
            out.add(b.toString().strip());
        }
        return out;
    }

    private static byte[] loadSalt(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT meta_value FROM history_meta WHERE meta_name = 'patient-salt'")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return HexFormat.of().parseHex(rs.getString(1));
                }
            }
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO history_meta (meta_name, meta_value) VALUES ('patient-salt', ?)")) {
            ps.setString(1, HexFormat.of().formatHex(fresh));
            ps.executeUpdate();
            c.commit();
            return fresh;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(); // another process created it at the same moment: use theirs
            return loadSalt(c);
        }
    }

    /**
     * Takes {@code count} consecutive control numbers for our answers from the {@code control_number} table, in one
     * transaction that locks its row, so every scrubber sharing this history draws from one sequence; see
     * {@link ControlSequence#reserve}.
     */
    public long reserveControlNumbers(int count) {
        return inTransaction("take the next control number", c -> {
            long next;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT next_value FROM control_number WHERE sequence_name = 'answers' FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the control_number table has no row 'answers'");
                }
                next = rs.getLong(1);
            }
            long first = ControlSequence.fit(next, count);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE control_number SET next_value = ? WHERE sequence_name = 'answers'")) {
                ps.setLong(1, ControlSequence.following(first, count));
                ps.executeUpdate();
            }
            return first;
        });
    }

    /** This history as the sequence of our answers' control numbers. */
    public ControlSequence controlSequence() {
        return this::reserveControlNumbers;
    }

    /** The hashed patient key of a claim (never PHI in clear). */
    public long patientKey(Claim claim) {
        return PatientKey.of(salt, claim);
    }

    /** The whole salted hash of a claim's patient as 64 hex digits; its first 16 are {@link #patientKey}. */
    public String patientHex(Claim claim) {
        return PatientKey.hex(salt, claim);
    }

    // ---------------------------------------------------------------------------------------- claims

    /** Claims per round trip when recording: one query for the batch's patients, then JDBC batches of inserts. */
    static final int BATCH = 500;

    /** The lookup of {@link #lines}: a patient's lines in force, with the claim that recorded each. */
    private static final String LINES = "SELECT l.code, l.tooth, l.service_date, c.claim_id, c.payer_ccn "
            + "FROM history_claim c JOIN history_line l ON l.claim_ref = c.id "
            + "WHERE c.patient = ? AND c.superseded_at IS NULL";

    /** The lines of a patient's claims in force, with the identity of the claim that recorded each. */
    static List<Row> lines(PreparedStatement ps, long patient) throws SQLException {
        List<Row> out = new ArrayList<>();
        ps.setLong(1, patient);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                java.sql.Date d = rs.getDate(3);
                out.add(new Row(new ClaimHistory.Line(rs.getString(1), rs.getString(2),
                        d == null ? null : d.toLocalDate()), rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    /**
     * A lookup connection for one thread, kept open with its prepared statement: the history rules ask once per
     * claim that has a tooth they check. Closed with the store.
     */
    final class Reader {
        private Connection c;
        private PreparedStatement ps;

        List<Row> lines(long patient) {
            try {
                if (c == null || c.isClosed()) {
                    c = borrow();
                    ps = c.prepareStatement(LINES);
                }
                List<Row> out = HistoryStore.lines(ps, patient);
                c.commit(); // a fresh snapshot for the next lookup
                return out;
            } catch (SQLException e) {
                discard();
                throw new HistoryException("claim history (" + description + "): cannot read the history: "
                        + e.getMessage(), e);
            }
        }

        private void discard() {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // a new one is opened on the next lookup
                }
                all.remove(c);
            }
            c = null;
            ps = null;
        }
    }

    Reader reader() {
        return new Reader();
    }

    /**
     * An accepted claim as the history keeps it: the patient key, what supersession compares (CLM01, REF*F8, the
     * frequency code) and, per tooth, each line's code and date (lines without a tooth are not kept). A few dozen
     * bytes, not the parsed claim.
     */
    record Accepted(long patient, String claimId, String payerCcn, String frequency, List<ClaimHistory.Line> lines) {
        static Accepted of(long patient, Claim claim) {
            return of(patient, claim, null);
        }

        /** {@code codes}: the line codes kept (those the history rules read); null keeps every line on a tooth. */
        static Accepted of(long patient, Claim claim, java.util.Set<String> codes) {
            String ccn = blankToNull(claim.payerClaimControlNumber());
            String frequency = claim.frequency() == null ? "" : claim.frequency();
            List<ClaimHistory.Line> lines = new ArrayList<>();
            if (!HistoryStore.isVoid(claim)) {
                // only lines on a tooth: the history rules ask per tooth, and a line without one (an exam, a
                // cleaning) would be half the rows for nothing read
                for (ServiceLine l : claim.lines()) {
                    if (codes != null && !codes.contains(l.code())) {
                        continue;
                    }
                    String code = truncate(l.code(), 8);
                    for (Tooth t : l.teeth()) {
                        if (!t.designation().isEmpty()) {
                            lines.add(new ClaimHistory.Line(code, truncate(t.designation(), 4), l.serviceDate()));
                        }
                    }
                }
            }
            return new Accepted(patient, truncate(claim.id() == null ? "" : claim.id(), 64), truncate(ccn, 64),
                    truncate(frequency, 2), List.copyOf(lines));
        }

        boolean isVoid() {
            return "8".equals(frequency);
        }

        /** True when this claim, once recorded, supersedes what a claim with this CLM01 and REF*F8 recorded. */
        boolean covers(String otherId, String otherCcn) {
            if (claimId.equals(otherId)) {
                return true;
            }
            return payerCcn != null && (payerCcn.equals(otherId) || payerCcn.equals(otherCcn));
        }
    }

    /** An interchange a file brought: ISA06 sender and ISA13 control number (kept to the columns' widths). */
    public record InterchangeId(String sender, String control) {
        public InterchangeId {
            sender = truncate(sender, 64);
            control = truncate(control, 9);
        }
    }

    /** A claim in force while a batch is recorded: in the database ({@code id} > 0) or about to be inserted. */
    private static final class Live {
        final long id;
        final String claimId;
        final String payerCcn;
        final Accepted pending;
        boolean superseded;

        Live(long id, String claimId, String payerCcn, Accepted pending) {
            this.id = id;
            this.claimId = claimId;
            this.payerCcn = payerCcn;
            this.pending = pending;
        }
    }

    /**
     * Records a file's accepted claims and marks its interchanges done, in one transaction, {@link #BATCH} claims
     * per round trip. Each claim first supersedes what the same patient's claim with the same CLM01 (or, for a
     * replacement or void, the claim named by REF*F8) recorded; a void records no lines. A lock timeout or deadlock
     * with another file recording at the same moment rolls back and tries again.
     */
    void record(String sourceFile, List<Accepted> claims, List<InterchangeId> interchanges, String identity) {
        long t0 = System.nanoTime();
        retrying("record accepted claims", c -> {
            Timestamp now = Timestamp.from(Instant.now());
            if (!claims.isEmpty()) {
                try (Batches b = new Batches(c, sourceFile, now)) {
                    for (int from = 0; from < claims.size(); from += BATCH) {
                        b.write(claims.subList(from, Math.min(claims.size(), from + BATCH)));
                    }
                }
            }
            for (InterchangeId id : interchanges) {
                upsertInterchange(c, id, sourceFile, identity, "done", now);
            }
            return null;
        });
        LOG.debug("claim history {}: recorded {} claims in {} ms", description, claims.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The statements of one file's recording transaction, reused batch after batch. Opening it takes the record lock
     * (one recorder at a time, across threads and processes sharing the database: two files with the same claims
     * would otherwise each miss the other's uncommitted rows and both leave theirs in force; taking this one lock
     * first also means two recorders never wait on each other's rows, so no deadlock) and adds the file's row.
     */
    private static final class Batches implements AutoCloseable {
        private final Connection c;
        private final Timestamp now;
        private final long fileRef;
        private final PreparedStatement live;
        private final PreparedStatement sup;
        private final PreparedStatement del;
        private final PreparedStatement ins;
        private final PreparedStatement line;

        Batches(Connection c, String sourceFile, Timestamp now) throws SQLException {
            this.c = c;
            this.now = now;
            try (PreparedStatement lock = c.prepareStatement("SELECT meta_value FROM history_meta "
                    + "WHERE meta_name = 'record-lock' FOR UPDATE"); ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the history_meta table has no row 'record-lock'");
                }
            }
            try (PreparedStatement f = c.prepareStatement("INSERT INTO history_file (source_file, recorded_at) "
                    + "VALUES (?, ?)", new String[] {"id"})) {
                f.setString(1, truncate(sourceFile, 255));
                f.setTimestamp(2, now);
                f.executeUpdate();
                fileRef = onlyKey(f);
            }
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
                in.append(i == 0 ? "?" : ", ?");
            }
            live = c.prepareStatement("SELECT id, patient, claim_id, payer_ccn FROM history_claim "
                    + "WHERE superseded_at IS NULL AND patient IN (" + in + ")");
            sup = c.prepareStatement("UPDATE history_claim SET superseded_at = ? WHERE id = ?");
            del = c.prepareStatement("DELETE FROM history_line WHERE claim_ref = ?");
            ins = c.prepareStatement("INSERT INTO history_claim (patient, claim_id, payer_ccn, frequency, file_ref, "
                    + "superseded_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            line = c.prepareStatement("INSERT INTO history_line (claim_ref, tooth, code, service_date) "
                    + "VALUES (?, ?, ?, ?)");
        }

        /** The file's name as the caller knows it at the end (the first batch may have been written under another). */
        void rename(String sourceFile) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE history_file SET source_file = ? WHERE id = ?")) {
                ps.setString(1, truncate(sourceFile, 255));
                ps.setLong(2, fileRef);
                ps.executeUpdate();
            }
        }

        /** Writes at most {@link #BATCH} claims, in file order after every batch written before in this transaction. */
        void write(List<Accepted> batch) throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            // what is in force for the batch's patients: earlier files, and earlier batches of this one
            Map<Long, List<Live>> inForce = new HashMap<>();
            List<Long> patients = new ArrayList<>();
            for (Accepted a : batch) {
                if (inForce.putIfAbsent(a.patient(), new ArrayList<>()) == null) {
                    patients.add(a.patient());
                }
            }
            for (int i = 0; i < BATCH; i++) {
                live.setLong(i + 1, patients.get(Math.min(i, patients.size() - 1)));
            }
            try (ResultSet rs = live.executeQuery()) {
                while (rs.next()) {
                    inForce.get(rs.getLong(2)).add(new Live(rs.getLong(1), rs.getString(3), rs.getString(4),
                            null));
                }
            }
            List<Live> pending = new ArrayList<>(batch.size());
            int superseded = 0;
            for (Accepted a : batch) {
                List<Live> mine = inForce.get(a.patient());
                for (Iterator<Live> it = mine.iterator(); it.hasNext(); ) {
                    Live l = it.next();
                    if (!a.covers(l.claimId, l.payerCcn)) {
                        continue;
                    }
                    it.remove();
                    if (l.pending == null) {
                        sup.setTimestamp(1, now);
                        sup.setLong(2, l.id);
                        sup.addBatch();
                        del.setLong(1, l.id);
                        del.addBatch();
                        superseded++;
                    } else {
                        l.superseded = true;
                    }
                }
                Live p = new Live(0, a.claimId(), a.payerCcn(), a);
                p.superseded = a.isVoid(); // a void leaves nothing in force
                pending.add(p);
                if (!a.isVoid()) {
                    mine.add(p);
                }
            }
            if (superseded > 0) {
                sup.executeBatch();
                del.executeBatch();
            }
            List<Live> stored = new ArrayList<>(pending.size());
            for (Live p : pending) {
                Accepted a = p.pending;
                if (a.lines().isEmpty()) {
                    continue; // nothing a rule reads: it superseded what it replaces, and is not kept itself
                }
                stored.add(p);
                ins.setLong(1, a.patient());
                ins.setString(2, a.claimId());
                ins.setString(3, a.payerCcn());
                ins.setString(4, a.frequency());
                ins.setLong(5, fileRef);
                if (p.superseded) {
                    ins.setTimestamp(6, now);
                } else {
                    ins.setNull(6, Types.TIMESTAMP);
                }
                ins.addBatch();
            }
            if (stored.isEmpty()) {
                return;
            }
            ins.executeBatch();
            int lines = 0;
            try (ResultSet keys = ins.getGeneratedKeys()) {
                for (Live p : stored) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned fewer generated keys than claims inserted");
                    }
                    long ref = keys.getLong(1);
                    if (p.superseded) {
                        continue; // voided, or replaced later in this same file: no lines in force
                    }
                    for (ClaimHistory.Line l : p.pending.lines()) {
                        line.setLong(1, ref);
                        line.setString(2, l.tooth());
                        line.setString(3, l.code());
                        if (l.serviceDate() == null) {
                            line.setNull(4, Types.DATE);
                        } else {
                            line.setDate(4, java.sql.Date.valueOf(l.serviceDate()));
                        }
                        line.addBatch();
                        lines++;
                    }
                }
            }
            if (lines > 0) {
                line.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : new PreparedStatement[] {live, sup, del, ins, line}) {
                ps.close();
            }
        }
    }

    /**
     * Starts recording one file's accepted claims batch by batch while it is scrubbed: a connection of its own, in one
     * transaction that holds the record lock until {@link Recording#commit} or {@link Recording#abort}. A lock timeout
     * (another file recording for longer than the lock timeout) is tried again, as {@link #record} does.
     */
    Recording begin(String sourceFile) {
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            try {
                c = borrow();
                return new Recording(c, new Batches(c, sourceFile, Timestamp.from(Instant.now())));
            } catch (SQLException e) {
                giveBack(c);
                if (attempt >= ATTEMPTS || e.getSQLState() == null || !CONTENTION.contains(e.getSQLState())) {
                    throw new HistoryException("claim history (" + description + "): cannot record accepted claims: "
                            + e.getMessage(), e);
                }
                LOG.warn("claim history " + description + ": waiting for another file to finish recording; trying "
                        + "again (" + attempt + " of " + (ATTEMPTS - 1) + ")");
            }
        }
    }

    /**
     * A file's accepted claims being written while the file is scrubbed, {@link #BATCH} at a time, in one transaction:
     * nothing is visible to others (nor kept, should the scrub fail) before {@link #commit}, while lookups through
     * {@link #lines} on the same connection see the batches already written. For one thread at a time.
     */
    final class Recording {
        private Connection c;
        private final Batches batches;
        private PreparedStatement lookup;
        private int claims;
        private final long t0 = System.nanoTime();

        private Recording(Connection c, Batches batches) {
            this.c = c;
            this.batches = batches;
        }

        private HistoryException failed(String what, SQLException e) {
            abort();
            return new HistoryException("claim history (" + description + "): cannot " + what + ": "
                    + e.getMessage(), e);
        }

        /** Writes the next claims of the file (at most {@link #BATCH}, in file order). */
        void write(List<Accepted> batch) {
            try {
                batches.write(batch);
                claims += batch.size();
            } catch (SQLException e) {
                throw failed("record accepted claims", e);
            }
        }

        /** The patient's lines in force, this file's batches written so far included. */
        List<Row> lines(long patient) {
            try {
                if (lookup == null) {
                    lookup = c.prepareStatement(LINES);
                }
                return HistoryStore.lines(lookup, patient);
            } catch (SQLException e) {
                throw failed("read the history", e);
            }
        }

        /** Marks the file's interchanges done and commits everything written. */
        void commit(String sourceFile, List<InterchangeId> interchanges, String identity) {
            try {
                batches.rename(sourceFile);
                for (InterchangeId id : interchanges) {
                    upsertInterchange(c, id, sourceFile, identity, "done", batches.now);
                }
                c.commit();
            } catch (SQLException e) {
                throw failed("record accepted claims", e);
            }
            LOG.debug("claim history {}: recorded {} claims in batches, committed {} ms after the first", description,
                    claims, (System.nanoTime() - t0) / 1_000_000);
            abort(); // only gives the connection back: the work is committed
        }

        /** Throws away what was written (nothing was committed) and gives the connection back; harmless twice. */
        void abort() {
            if (c == null) {
                return;
            }
            try {
                batches.close();
                if (lookup != null) {
                    lookup.close();
                }
            } catch (SQLException ignored) {
                // the rollback below is what matters
            }
            giveBack(c);
            c = null;
        }
    }

    private static long onlyKey(Statement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated key");
            }
            return keys.getLong(1);
        }
    }

    static boolean isVoid(Claim claim) {
        return "8".equals(claim.frequency());
    }

    private static void upsertInterchange(Connection c, InterchangeId id, String file, String identity, String state,
                                          Timestamp now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE interchange SET source_file = ?, file_identity = ?, "
                + "state = ? WHERE sender = ? AND control = ?")) {
            up.setString(1, truncate(file, 255));
            up.setString(2, truncate(identity, 200));
            up.setString(3, state);
            up.setString(4, id.sender());
            up.setString(5, id.control());
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        insertInterchange(c, id, file, identity, state, now);
    }

    private static void insertInterchange(Connection c, InterchangeId id, String file, String identity, String state,
                                          Timestamp now) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO interchange (sender, control, source_file, "
                + "file_identity, state, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, id.sender());
            ins.setString(2, id.control());
            ins.setString(3, truncate(file, 255));
            ins.setString(4, truncate(identity, 200));
            ins.setString(5, state);
            ins.setTimestamp(6, now);
            ins.executeUpdate();
        }
    }

    // ---------------------------------------------------------------------------------------- interchanges

    /**
     * Claims an interchange for a file before it is scrubbed. NEW: first time (a pending row is written);
     * RESUME_SCRUB: this very file was being scrubbed when the watcher stopped; RESUME_MOVE: this very file was
     * scrubbed and recorded but not yet moved out of the inbox; DUPLICATE: another file brought it first.
     */
    public InterchangeCheck claimInterchange(InterchangeId id, String file, String identity) {
        for (int attempt = 0; ; attempt++) {
            try {
                return inTransaction("check the interchange", c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT source_file, file_identity, state, "
                            + "received_at FROM interchange WHERE sender = ? AND control = ?")) {
                        ps.setString(1, id.sender());
                        ps.setString(2, id.control());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                boolean same = identity.equals(rs.getString(2));
                                Instant at = rs.getTimestamp(4).toInstant();
                                if (same) {
                                    return new InterchangeCheck("done".equals(rs.getString(3)) ? Claimed.RESUME_MOVE
                                            : Claimed.RESUME_SCRUB, rs.getString(1), at);
                                }
                                return new InterchangeCheck(Claimed.DUPLICATE, rs.getString(1), at);
                            }
                        }
                    }
                    Timestamp now = Timestamp.from(Instant.now());
                    insertInterchange(c, id, file, identity, "pending", now);
                    return new InterchangeCheck(Claimed.NEW, file, now.toInstant());
                });
            } catch (HistoryException e) {
                // two files with the same interchange at the same moment: the loser reads the winner's row
                if (attempt < 3 && e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Forgets a pending claim on an interchange (the file failed and went to error/). */
    public void release(InterchangeId id, String identity) {
        inTransaction("release the interchange", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM interchange WHERE sender = ? AND control = ? "
                    + "AND file_identity = ? AND state = 'pending'")) {
                ps.setString(1, id.sender());
                ps.setString(2, id.control());
                ps.setString(3, identity);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Pending interchange claims: file name and identity (for the watcher's start-up clean-up). */
    public List<String[]> pending() {
        return inTransaction("list pending interchanges", c -> {
            List<String[]> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT sender, control, source_file, file_identity FROM interchange WHERE state = 'pending'")) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            return out;
        });
    }

    /** Counts for tests and reports: accepted lines in force and interchanges recorded by state. */
    public long count(String table, String where) {
        return inTransaction("count", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM " + table + (where == null ? "" : " WHERE " + where))) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        closed = true;
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        all.clear();
        idle.clear();
        LOG.debug("claim history {}: closed in {} ms", description, (System.nanoTime() - t0) / 1_000_000);
    }
}
