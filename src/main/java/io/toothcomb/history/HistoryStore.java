package io.toothcomb.history;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
    static final List<String> MIGRATIONS = List.of("V1__claim_history.sql", "V2__control_number.sql");
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
            url = "jdbc:h2:file:" + dir.resolve("toothcomb-history") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
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

    private static List<String> statements(String script) throws SQLException {
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
    public String patientKey(Claim claim) {
        return PatientKey.of(salt, claim);
    }

    // ---------------------------------------------------------------------------------------- claims

    List<Row> lines(String patientKey, String tooth) {
        return inTransaction("read the history", c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sl.code, sl.tooth, sl.service_date, c.claim_id, "
                    + "c.payer_ccn FROM service_line sl JOIN claim c ON c.id = sl.claim_ref "
                    + "WHERE sl.patient_key = ? AND sl.tooth = ?")) {
                ps.setString(1, patientKey);
                ps.setString(2, tooth);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Date d = rs.getDate(3);
                        out.add(new Row(new ClaimHistory.Line(rs.getString(1), rs.getString(2),
                                d == null ? null : d.toLocalDate()), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /** An accepted claim to record, with its patient key. */
    record Accepted(String patientKey, Claim claim) {
    }

    /** An interchange a file brought: ISA06 sender and ISA13 control number. */
    public record InterchangeId(String sender, String control) {
    }

    /**
     * Records a file's accepted claims and marks its interchanges done, in one transaction. Each claim first
     * supersedes what the same patient's claim with the same CLM01 (or, for a replacement or void, the claim named
     * by REF*F8) recorded; a void records no lines.
     */
    void record(String sourceFile, List<Accepted> claims, List<InterchangeId> interchanges, String identity) {
        inTransaction("record accepted claims", c -> {
            Timestamp now = Timestamp.from(Instant.now());
            for (Accepted a : claims) {
                Claim claim = a.claim();
                String ccn = blankToNull(claim.payerClaimControlNumber());
                String where = "patient_key = ? AND superseded_at IS NULL AND (claim_id = ?"
                        + (ccn == null ? ")" : " OR claim_id = ? OR payer_ccn = ?)");
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM service_line WHERE claim_ref IN (SELECT id FROM claim WHERE " + where + ")");
                     PreparedStatement sup = c.prepareStatement(
                             "UPDATE claim SET superseded_at = ? WHERE " + where)) {
                    bindIdentity(del, 1, a.patientKey(), claim.id(), ccn);
                    del.executeUpdate();
                    sup.setTimestamp(1, now);
                    bindIdentity(sup, 2, a.patientKey(), claim.id(), ccn);
                    sup.executeUpdate();
                }
                long ref;
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO claim (patient_key, claim_id, payer_ccn, "
                        + "frequency, source_file, recorded_at, superseded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        new String[] {"id"})) {
                    ins.setString(1, a.patientKey());
                    ins.setString(2, truncate(claim.id(), 64));
                    ins.setString(3, truncate(ccn, 64));
                    ins.setString(4, truncate(claim.frequency() == null ? "" : claim.frequency(), 2));
                    ins.setString(5, truncate(sourceFile, 255));
                    ins.setTimestamp(6, now);
                    if (isVoid(claim)) {
                        ins.setTimestamp(7, now); // a void leaves nothing in force
                    } else {
                        ins.setNull(7, Types.TIMESTAMP);
                    }
                    ins.executeUpdate();
                    try (ResultSet keys = ins.getGeneratedKeys()) {
                        keys.next();
                        ref = keys.getLong(1);
                    }
                }
                if (isVoid(claim)) {
                    continue;
                }
                try (PreparedStatement line = c.prepareStatement("INSERT INTO service_line (claim_ref, patient_key, "
                        + "line_number, tooth, code, service_date) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (ServiceLine l : claim.lines()) {
                        List<String> teeth = new ArrayList<>();
                        for (Tooth t : l.teeth()) {
                            if (!t.designation().isEmpty()) {
                                teeth.add(t.designation());
                            }
                        }
                        if (teeth.isEmpty()) {
                            teeth.add(null);
                        }
                        for (String tooth : teeth) {
                            line.setLong(1, ref);
                            line.setString(2, a.patientKey());
                            line.setInt(3, l.number());
                            line.setString(4, truncate(tooth, 4));
                            line.setString(5, truncate(l.code(), 8));
                            if (l.serviceDate() == null) {
                                line.setNull(6, Types.DATE);
                            } else {
                                line.setDate(6, java.sql.Date.valueOf(l.serviceDate()));
                            }
                            line.addBatch();
                        }
                    }
                    line.executeBatch();
                }
            }
            for (InterchangeId id : interchanges) {
                upsertInterchange(c, id, sourceFile, identity, "done", now);
            }
            return null;
        });
    }

    static boolean isVoid(Claim claim) {
        return "8".equals(claim.frequency());
    }

    private static void bindIdentity(PreparedStatement ps, int from, String key, String claimId, String ccn)
            throws SQLException {
        ps.setString(from, key);
        ps.setString(from + 1, truncate(claimId, 64));
        if (ccn != null) {
            ps.setString(from + 2, truncate(ccn, 64));
            ps.setString(from + 3, truncate(ccn, 64));
        }
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
    }
}
