package io.toothcomb.spark;

import io.toothcomb.api.ClaimReport;
import io.toothcomb.api.FileReport;
import io.toothcomb.api.FindingReport;
import io.toothcomb.api.Toothcomb;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Scrubs an archive of 837D files on Spark and writes the tables envelopes, claims, lines and findings.
 *
 * <p>Per file, in parallel on the executors: each file is scrubbed whole through the embedding API
 * ({@link Toothcomb#report}), without history. Shuffled: the claims, keyed by the patient's salted hash (with only
 * the lines the history rules look at), so that each patient's claims meet in one task, where they are replayed in
 * archive order ({@link Toothcomb#replayHistory}); the claims whose history verdict differs are few, and are
 * broadcast back by (file, claim ordinal). Archive order: files by interchange date and time (ISA09, ISA10), then by path; claims in
 * file order.
 *
 * <p>Uses only {@code io.toothcomb.api} from toothcomb.
 */
public final class SparkScrub {
    private SparkScrub() {
    }

    /** Files of at least this many bytes are split into slices of about this many bytes of transaction sets. */
    public static final long DEFAULT_SPLIT_BYTES = 64L << 20;

    /**
     * What to run.
     *
     * @param splitBytes a file of at least this many bytes is scrubbed in slices of whole transaction sets of about
     *                   this many bytes each, in parallel (0: every file whole)
     */
    public record Options(String input, String out, String format, byte[] salt, boolean history, long splitBytes)
            implements Serializable {
        public Options(String input, String out, String format, byte[] salt, boolean history) {
            this(input, out, format, salt, history, DEFAULT_SPLIT_BYTES);
        }
    }

    /**
     * What a run wrote, for the console and the benchmark.
     *
     * @param splitFiles files scrubbed in slices
     * @param slices how many slices they made
     * @param splitFallbacks files cut into slices and then scrubbed whole after all, because a slice held an error
     *                       whose message names a segment number
     */
    public record Result(long files, long claims, long envelopes, long lines, long findings, long historyChanged,
                         long splitFiles, long slices, long splitFallbacks) {
    }

    static final String USAGE = "usage: spark-scrub [--master URL] <input path or glob> --out <folder> "
            + "[--format parquet|json] [--salt-hex HEX] [--no-history] [--split-mb N]";

    public static void main(String[] args) {
        String master = null;
        String input = null;
        String out = null;
        String format = "parquet";
        String salt = System.getenv("TOOTHCOMB_PATIENT_SALT");
        boolean history = true;
        long splitBytes = DEFAULT_SPLIT_BYTES;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--master" -> master = args[++i];
                    case "--out" -> out = args[++i];
                    case "--format" -> format = args[++i].toLowerCase(Locale.ROOT);
                    case "--salt-hex" -> salt = args[++i];
                    case "--no-history" -> history = false;
                    case "--split-mb" -> {
                        long mb = Long.parseLong(args[++i]);
                        if (mb < 0) {
                            throw new IllegalArgumentException("--split-mb is 0 (never split) or more, not " + mb);
                        }
                        splitBytes = mb << 20;
                    }
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> {
                        if (args[i].startsWith("--") || input != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        input = args[i];
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            fail("an option needs a value");
        } catch (NumberFormatException e) {
            fail("--split-mb takes a whole number of megabytes");
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        if (input == null || out == null) {
            fail("an input and --out are required");
        }
        if (!format.equals("parquet") && !format.equals("json")) {
            fail("--format is parquet or json, not " + format);
        }
        byte[] s;
        if (salt == null || salt.isBlank()) {
            s = new byte[32];
            new java.security.SecureRandom().nextBytes(s);
            System.err.println("spark-scrub: no --salt-hex (or TOOTHCOMB_PATIENT_SALT): patient hashes use a random "
                    + "salt and match no other run");
        } else {
            s = HexFormat.of().parseHex(salt.trim());
        }
        SparkSession.Builder b = SparkSession.builder().appName("toothcomb-spark-scrub");
        if (master != null) {
            b.master(master);
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            long t0 = System.nanoTime();
            Result r = run(spark, new Options(input, out, format, s, history, splitBytes));
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "spark-scrub: %d files, %d claims (%d changed by the archive history), "
                            + "%d lines, %d findings, %d envelope rows in %.1f s (%.0f claims/s) -> %s%n", r.files(),
                    r.claims(), r.historyChanged(), r.lines(), r.findings(), r.envelopes(), secs, r.claims() / secs,
                    out);
            if (r.splitFiles() > 0) {
                System.out.printf(Locale.ROOT, "spark-scrub: %d files split into %d slices (%d then scrubbed whole)%n",
                        r.splitFiles(), r.slices(), r.splitFallbacks());
            }
        } catch (UncheckedIOException e) {
            System.err.println("spark-scrub: " + e.getCause().getMessage());
            spark.stop();
            System.exit(3);
        } finally {
            spark.stop();
        }
    }

    private static void fail(String message) {
        System.err.println("spark-scrub: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }

    /** A file's report with its place in the archive order. */
    record Scrubbed(String path, String order, FileReport report) implements Serializable {
    }

    /** A claim on its way to the history replay: where it came from and what the history rules read. */
    record Placed(String order, String path, ClaimReport claim) implements Serializable {
    }

    /** What the first stage made of a file: its report, or the slices it is to be scrubbed in. */
    record First(byte[] scrubbed, List<SetSlicer.Slice> slices) implements Serializable {
    }

    /**
     * A slice scrubbed: its report ({@link ReportCodec}) with the whole file's segment numbers (claim ordinals
     * still the slice's).
     */
    record SliceDone(SetSlicer.Slice slice, byte[] report, int claims, boolean fallback) implements Serializable {
    }

    /** What the driver learns of a scrubbed slice. */
    record SliceCount(String path, int index, int claims, boolean fallback) implements Serializable {
    }

    /** Scrubs {@code o.input()} and writes the four tables into {@code o.out()}. */
    public static Result run(SparkSession spark, Options o) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        byte[] salt = o.salt();
        long splitBytes = o.splitBytes();
        // listed here, not by binaryFiles: its per-file stream builds a Hadoop configuration for every file
        // (reading the default XML resources from their jars), a tenth of the job's CPU on small files
        byte[] conf = HadoopConf.bytes(sc.hadoopConfiguration());
        List<String> paths;
        try {
            paths = list(sc.hadoopConfiguration(), o.input());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaRDD<First> first = sc.parallelize(paths, Math.max(1, Math.min(paths.size(), 4 * sc.defaultParallelism())))
                .mapPartitions(it -> scrubAll(it, salt, splitBytes, conf)).persist(KEPT);
        // one pass: the files counted and the slices of the big ones collected
        List<List<SetSlicer.Slice>> planned = first.map(f -> f.slices() == null ? List.<SetSlicer.Slice>of()
                : f.slices()).collect();
        long nFiles = planned.size();
        List<SetSlicer.Slice> slices = planned.stream().flatMap(List::stream).toList();
        JavaRDD<Scrubbed> whole = first.filter(f -> f.scrubbed() != null).map(f -> ReportCodec.decode(f.scrubbed()));
        JavaRDD<Scrubbed> reports;
        long splitFiles = 0;
        long fallbacks = 0;
        JavaRDD<SliceDone> done = null;
        JavaRDD<First> redone = null;
        if (slices.isEmpty()) {
            reports = whole;
        } else {
            // big files: one task per slice, each reading its bytes from the file system; then the claims
            // renumbered in file order (each slice's claim count is collected: a number per slice)
            done = sc.parallelize(slices, slices.size()).mapPartitions(it -> scrubSlices(it, salt, conf))
                    .persist(KEPT);
            java.util.Map<String, Integer> before = new java.util.HashMap<>();
            java.util.Set<String> redo = new java.util.TreeSet<>();
            java.util.Map<String, java.util.TreeMap<Integer, Integer>> counts = new java.util.HashMap<>();
            for (SliceCount c : done.map(d -> new SliceCount(d.slice().path(), d.slice().index(), d.claims(),
                    d.fallback())).collect()) {
                counts.computeIfAbsent(c.path(), k -> new java.util.TreeMap<>()).put(c.index(), c.claims());
                if (c.fallback()) {
                    redo.add(c.path());
                }
            }
            for (var e : counts.entrySet()) {
                int n = 0;
                for (var c : e.getValue().entrySet()) {
                    before.put(e.getKey() + "#" + c.getKey(), n);
                    n += c.getValue();
                }
            }
            splitFiles = counts.size() - redo.size();
            fallbacks = redo.size();
            var offsets = sc.broadcast(before);
            var again = sc.broadcast(redo);
            JavaRDD<Scrubbed> sliced = done.filter(d -> !again.value().contains(d.slice().path())).map(d -> {
                Scrubbed x = ReportCodec.decode(d.report());
                return new Scrubbed(x.path(), x.order(), renumber(x.report(),
                        offsets.value().get(d.slice().path() + "#" + d.slice().index())));
            });
            reports = whole.union(sliced);
            if (!redo.isEmpty()) {
                redone = sc.parallelize(new ArrayList<>(redo), Math.min(redo.size(), sc.defaultParallelism()))
                        .mapPartitions(it -> scrubWhole(it, salt, conf)).persist(KEPT);
                reports = reports.union(redone.map(f -> ReportCodec.decode(f.scrubbed())));
            }
        }

        // the claims the history changed are few (only those billing what the history rules read): collected and
        // broadcast, so the claims keep their partitions and are not shuffled a second time
        java.util.Map<String, ClaimReport> changedMap = o.history() ? new java.util.HashMap<>(
                replay(reports, salt).collectAsMap()) : java.util.Map.of();
        var changed = sc.broadcast(changedMap);
        JavaRDD<Tuple2<String, ClaimReport>> finalClaims = reports.flatMap(s -> {
            java.util.Map<String, ClaimReport> m = changed.value();
            List<Tuple2<String, ClaimReport>> out = new ArrayList<>(s.report().claims().size());
            for (ClaimReport c : s.report().claims()) {
                ClaimReport h = m.isEmpty() ? null : m.get(s.path() + "#" + c.ordinal());
                out.add(new Tuple2<>(s.path(), h == null ? c : c.withFindings(h.findings())));
            }
            return out.iterator();
        });

        JavaRDD<Row> envelopes = reports.flatMap(s -> {
            List<Row> rows = new ArrayList<>();
            for (FileReport.EnvelopeVerdict v : s.report().envelopes()) {
                rows.add(RowFactory.create(s.path(), v.interchangeControl(), v.interchangeDate(), v.groupControl(),
                        v.setControl(), v.verdict(), v.errors().toArray(String[]::new)));
            }
            return rows.iterator();
        });
        JavaRDD<Row> claims = finalClaims.map(t -> {
            ClaimReport c = t._2();
            return RowFactory.create(t._1(), c.claimId(), c.ordinal(), c.setControl(), c.patientKey(), c.status(),
                    c.pack(), c.payerId(), c.frequency(), c.payerClaimControlNumber(), date(c.firstService()),
                    date(c.lastService()), c.charge(), c.lineCharges());
        });
        JavaRDD<Row> lines = finalClaims.flatMap(t -> {
            List<Row> rows = new ArrayList<>();
            for (ClaimReport.Line l : t._2().lines()) {
                rows.add(RowFactory.create(t._1(), t._2().claimId(), t._2().ordinal(), l.number(), l.code(),
                        String.join(",", l.teeth()), String.join(",", l.surfaces()), String.join(",", l.areas()),
                        l.quantity(), l.charge(), date(l.serviceDate())));
            }
            return rows.iterator();
        });
        JavaRDD<Row> findings = finalClaims.flatMap(t -> {
            List<Row> rows = new ArrayList<>();
            for (FindingReport f : t._2().findings()) {
                rows.add(RowFactory.create(t._1(), t._2().claimId(), t._2().ordinal(), f.line(), f.rule(),
                        f.severity().toLowerCase(Locale.ROOT), f.segment(), f.element(), f.category() + ":"
                                + f.statusCode(), f.message()));
            }
            return rows.iterator();
        });

        long nEnv = write(spark.createDataFrame(envelopes, Tables.ENVELOPES), o, "envelopes");
        long nClaims = write(spark.createDataFrame(claims, Tables.CLAIMS), o, "claims");
        long nLines = write(spark.createDataFrame(lines, Tables.LINES), o, "lines");
        long nFindings = write(spark.createDataFrame(findings, Tables.FINDINGS), o, "findings");
        long nChanged = changedMap.size();
        changed.destroy();
        if (done != null) {
            done.unpersist();
        }
        if (redone != null) {
            redone.unpersist();
        }
        first.unpersist();
        return new Result(nFiles, nClaims, nEnv, nLines, nFindings, nChanged, splitFiles, slices.size(), fallbacks);
    }

    /**
     * How the per-file results are kept between the stages: as objects, which are byte arrays
     * ({@link ReportCodec}): Spark sizes them at once and does not serialize them again.
     */
    private static final StorageLevel KEPT = StorageLevel.MEMORY_AND_DISK();

    /** Writes a table; its row count is read back from what was written (Parquet footers, or JSON lines). */
    private static long write(Dataset<Row> df, Options o, String table) {
        String target = o.out() + "/" + table;
        if (o.format().equals("json")) {
            df.write().mode(SaveMode.Overwrite).json(target);
            return df.sparkSession().read().text(target).count();
        }
        df.write().mode(SaveMode.Overwrite).parquet(target);
        return df.sparkSession().read().schema(df.schema()).parquet(target).count();
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    /**
     * The toothcomb instance of this executor thread: the packs and code set are loaded once per thread and salt,
     * not once per task (an instance is not thread-safe; an executor runs its tasks on several threads).
     */
    private static final ThreadLocal<Object[]> TOOTHCOMB = new ThreadLocal<>();

    static Toothcomb toothcomb(byte[] salt) throws IOException {
        Object[] held = TOOTHCOMB.get();
        if (held == null || !java.util.Arrays.equals((byte[]) held[0], salt)) {
            if (held != null) {
                ((Toothcomb) held[1]).close();
            }
            held = new Object[] {salt.clone(), Toothcomb.builder().patientSalt(salt).build()};
            TOOTHCOMB.set(held);
        }
        return (Toothcomb) held[1];
    }

    /**
     * The input's files, as {@code binaryFiles} lists them: each comma-separated path or glob, a folder standing
     * for the files in it (not those whose names start with _ or .), sorted.
     */
    static List<String> list(org.apache.hadoop.conf.Configuration c, String input) throws IOException {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String one : input.split(",")) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(one.trim());
            org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(c);
            org.apache.hadoop.fs.FileStatus[] found = fs.globStatus(p);
            if (found == null || found.length == 0) {
                throw new java.io.FileNotFoundException("no file matches " + one);
            }
            for (org.apache.hadoop.fs.FileStatus st : found) {
                org.apache.hadoop.fs.FileStatus[] files = st.isDirectory() ? fs.listStatus(st.getPath())
                        : new org.apache.hadoop.fs.FileStatus[] {st};
                for (org.apache.hadoop.fs.FileStatus f : files) {
                    String name = f.getPath().getName();
                    if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                        out.add(f.getPath().toString());
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Per partition: each file copied from its file system to a local temporary file and scrubbed whole, or,
     * when it has at least {@code splitBytes} (0: never) and a plain envelope ({@link SetSlicer}), planned into
     * slices for the next stage.
     */
    static Iterator<First> scrubAll(Iterator<String> paths, byte[] salt, long splitBytes, byte[] conf)
            throws IOException {
        Toothcomb tc = toothcomb(salt);
        org.apache.hadoop.conf.Configuration c = HadoopConf.of(conf);
        Path dir = Files.createTempDirectory("toothcomb-spark-");
        List<First> out = new ArrayList<>();
        try {
            while (paths.hasNext()) {
                String path = paths.next();
                Path local = dir.resolve(localName(path));
                FileReport r;
                try {
                    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
                    try (InputStream in = p.getFileSystem(c).open(p)) {
                        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                    }
                    List<SetSlicer.Slice> slices = splitBytes > 0 && Files.size(local) >= splitBytes
                            ? SetSlicer.plan(local, path, splitBytes) : null;
                    if (slices != null) {
                        out.add(new First(null, slices));
                        continue;
                    }
                    r = tc.report(local);
                } catch (IOException | UncheckedIOException e) {
                    r = unreadable(localName(path), e);
                } finally {
                    Files.deleteIfExists(local);
                }
                out.add(new First(ReportCodec.encode(path, order(r, path), r), null));
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return out.iterator();
    }

    private static String localName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "input" : name;
    }

    private static FileReport unreadable(String name, Exception e) {
        return new FileReport(name, List.of(new FileReport.EnvelopeVerdict(null, "", null, null, "R",
                List.of("cannot be read: " + e.getClass().getSimpleName()))), List.of());
    }

    /**
     * Per partition: each slice's bytes read from the file system into a local file between the file's own ISA
     * and GS and a trailer of its own, and scrubbed; segment numbers moved to the whole file's. A slice whose
     * verdict is not a plain accept, or whose findings name a segment number in words, marks its file to be
     * scrubbed whole (those words would name the slice's numbers, not the file's).
     */
    static Iterator<SliceDone> scrubSlices(Iterator<SetSlicer.Slice> slices, byte[] salt, byte[] conf)
            throws IOException {
        Toothcomb tc = toothcomb(salt);
        org.apache.hadoop.conf.Configuration c = HadoopConf.of(conf);
        Path dir = Files.createTempDirectory("toothcomb-spark-");
        List<SliceDone> out = new ArrayList<>();
        try {
            while (slices.hasNext()) {
                SetSlicer.Slice s = slices.next();
                Path local = dir.resolve(localName(s.path()));
                try {
                    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(s.path());
                    try (var in = p.getFileSystem(c).open(p);
                         var w = new java.io.BufferedOutputStream(Files.newOutputStream(local), 1 << 16)) {
                        w.write(s.header());
                        in.seek(s.start());
                        byte[] buf = new byte[1 << 16];
                        long left = s.end() - s.start();
                        while (left > 0) {
                            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) {
                                throw new java.io.EOFException(s.path() + " is shorter than when it was planned");
                            }
                            w.write(buf, 0, n);
                            left -= n;
                        }
                        w.write(s.trailer());
                    }
                    FileReport r = tc.report(local);
                    boolean fallback = r.envelopes().size() != s.sets() || r.envelopes().stream().anyMatch(
                            v -> !"A".equals(v.verdict()) || !v.errors().isEmpty() || v.setControl() == null)
                            || r.claims().stream().anyMatch(x -> x.findings().stream().anyMatch(
                                    f -> SEGMENT_IN_WORDS.matcher(f.message()).find()));
                    FileReport kept = fallback ? r : shift(r, s.headerSegments(), s.segmentShift());
                    out.add(new SliceDone(s, ReportCodec.encode(s.path(), order(kept, s.path()), kept),
                            r.claims().size(), fallback));
                } catch (IOException | UncheckedIOException e) {
                    FileReport u = unreadable(localName(s.path()), e);
                    out.add(new SliceDone(s, ReportCodec.encode(s.path(), order(u, s.path()), u), 0, true));
                } finally {
                    Files.deleteIfExists(local);
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        return out.iterator();
    }

    /** "segment 42": a segment number in a message. */
    private static final java.util.regex.Pattern SEGMENT_IN_WORDS = java.util.regex.Pattern.compile(
            "segment \\d");

    /** Per partition: files read from the file system and scrubbed whole (split files a slice sent back). */
    static Iterator<First> scrubWhole(Iterator<String> paths, byte[] salt, byte[] conf) throws IOException {
        return scrubAll(paths, salt, 0, conf);
    }

    /** A slice's report with segment ordinals past its header moved by {@code shift}. */
    static FileReport shift(FileReport r, int header, int shift) {
        List<ClaimReport> claims = new ArrayList<>(r.claims().size());
        for (ClaimReport c : r.claims()) {
            List<ClaimReport.Line> lines = new ArrayList<>(c.lines().size());
            for (ClaimReport.Line l : c.lines()) {
                lines.add(new ClaimReport.Line(l.number(), l.code(), l.teeth(), l.surfaces(), l.areas(), l.quantity(),
                        l.charge(), l.serviceDate(), l.sv3Segment() > header ? l.sv3Segment() + shift
                        : l.sv3Segment()));
            }
            List<FindingReport> findings = new ArrayList<>(c.findings().size());
            for (FindingReport f : c.findings()) {
                findings.add(new FindingReport(f.rule(), f.severity(), f.line(), f.segment() > header
                        ? f.segment() + shift : f.segment(), f.element(), f.component(), f.category(),
                        f.statusCode(), f.message()));
            }
            claims.add(new ClaimReport(c.claimId(), c.ordinal(), c.setControl(), c.patientKey(), c.rejected(),
                    c.pack(), c.payerId(), c.frequency(), c.payerClaimControlNumber(), c.firstService(),
                    c.lastService(), c.charge(), c.lineCharges(), lines, findings));
        }
        return new FileReport(r.file(), r.envelopes(), claims);
    }

    /** A slice's report with its claims numbered in the whole file ({@code before} claims in earlier slices). */
    static FileReport renumber(FileReport r, int before) {
        if (before == 0) {
            return r;
        }
        List<ClaimReport> claims = new ArrayList<>(r.claims().size());
        for (ClaimReport c : r.claims()) {
            claims.add(new ClaimReport(c.claimId(), c.ordinal() + before, c.setControl(), c.patientKey(),
                    c.rejected(), c.pack(), c.payerId(), c.frequency(), c.payerClaimControlNumber(),
                    c.firstService(), c.lastService(), c.charge(), c.lineCharges(), c.lines(), c.findings()));
        }
        return new FileReport(r.file(), r.envelopes(), claims);
    }

    /** The Hadoop configuration, carried to the executors as bytes (it is Writable, not Serializable). */
    static final class HadoopConf {
        private HadoopConf() {
        }

        static byte[] bytes(org.apache.hadoop.conf.Configuration c) {
            var b = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.DataOutputStream(b)) {
                c.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b.toByteArray();
        }

        static org.apache.hadoop.conf.Configuration of(byte[] bytes) throws IOException {
            var c = new org.apache.hadoop.conf.Configuration(false);
            c.readFields(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
            return c;
        }
    }

    /** The archive order of a file: its first interchange's date and time (yyMMddHHmm), then its path. */
    public static String order(FileReport r, String path) {
        String date = r.envelopes().isEmpty() ? "" : r.envelopes().get(0).interchangeDate();
        return (date == null ? "" : date) + "|" + path;
    }

    /**
     * The history: each patient's claims (with only the lines the history rules read) shuffled to one task,
     * sorted in archive order and replayed; returns the claims whose verdict or findings changed, by file#ordinal.
     */
    static JavaPairRDD<String, ClaimReport> replay(JavaRDD<Scrubbed> reports, byte[] salt) {
        Set<String> codes;
        Set<String> historyRules;
        try (Toothcomb tc = Toothcomb.builder().build()) {
            codes = tc.historyCodes();
            historyRules = tc.historyRules(); // @RuleInfo(history = true): bundled and plugin rules alike
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaPairRDD<String, Placed> byPatient = reports.flatMapToPair(s -> {
            List<Tuple2<String, Placed>> out = new ArrayList<>();
            for (ClaimReport c : s.report().claims()) {
                List<ClaimReport.Line> keep = new ArrayList<>();
                for (ClaimReport.Line l : c.lines()) {
                    if (codes == null || codes.contains(l.code())) {
                        keep.add(l);
                    }
                }
                // a claim billing none of those codes is judged as scrubbed: only its identity and verdict travel
                boolean judged = !keep.isEmpty()
                        || c.findings().stream().anyMatch(f -> historyRules.contains(f.rule()));
                List<FindingReport> findings = judged ? c.findings() : c.rejected()
                        ? List.of(REJECTED) : List.of();
                ClaimReport slim = new ClaimReport(c.claimId(), c.ordinal(), null, c.patientKey(), c.rejected(),
                        c.pack(), null, c.frequency(), c.payerClaimControlNumber(), null, null, null, null, keep,
                        findings);
                out.add(new Tuple2<>(c.patientKey(), new Placed(s.order(), s.path(), slim)));
            }
            return out.iterator();
        });
        return byPatient.groupByKey().mapPartitionsToPair(groups -> {
            Toothcomb tc = toothcomb(salt);
            List<Tuple2<String, ClaimReport>> out = new ArrayList<>();
            while (groups.hasNext()) {
                List<Placed> claims = new ArrayList<>();
                groups.next()._2().forEach(claims::add);
                boolean relevant = claims.stream().anyMatch(p -> !p.claim().lines().isEmpty()
                        || p.claim().findings().stream().anyMatch(f -> historyRules.contains(f.rule())));
                if (!relevant) {
                    continue; // no line any history rule reads: the verdicts stand as scrubbed
                }
                claims.sort(Comparator.comparing(Placed::order).thenComparingInt(p -> p.claim().ordinal()));
                List<ClaimReport> judged = tc.replayHistory(claims.stream().map(Placed::claim).toList());
                for (int i = 0; i < claims.size(); i++) {
                    ClaimReport before = claims.get(i).claim();
                    ClaimReport after = judged.get(i);
                    if (after != before && !after.findings().equals(before.findings())) {
                        out.add(new Tuple2<>(claims.get(i).path() + "#" + before.ordinal(), after));
                    }
                }
            }
            return out.iterator();
        });
    }

    /** Stands for the findings of a rejected claim no history rule can change (they do not travel). */
    private static final FindingReport REJECTED = new FindingReport("SCRUBBED-REJECTED", "ERROR", null, 0, 0, 0, "",
            "", "rejected when scrubbed");

    /** The tables' columns. */
    static final class Tables {
        static final StructType ENVELOPES = new StructType()
                .add("file", DataTypes.StringType).add("interchange_control", DataTypes.StringType)
                .add("interchange_date", DataTypes.StringType).add("group_control", DataTypes.StringType)
                .add("set_control", DataTypes.StringType).add("verdict", DataTypes.StringType)
                .add("errors", DataTypes.createArrayType(DataTypes.StringType));
        static final StructType CLAIMS = new StructType()
                .add("file", DataTypes.StringType).add("claim_id", DataTypes.StringType)
                .add("claim_ordinal", DataTypes.IntegerType).add("set_control", DataTypes.StringType)
                .add("patient_hash", DataTypes.StringType).add("status", DataTypes.StringType)
                .add("pack", DataTypes.StringType).add("payer_id", DataTypes.StringType)
                .add("frequency", DataTypes.StringType).add("payer_claim_control", DataTypes.StringType)
                .add("first_service", DataTypes.DateType).add("last_service", DataTypes.DateType)
                .add("charge", DataTypes.createDecimalType(12, 2))
                .add("line_charges", DataTypes.createDecimalType(12, 2));
        static final StructType LINES = new StructType()
                .add("file", DataTypes.StringType).add("claim_id", DataTypes.StringType)
                .add("claim_ordinal", DataTypes.IntegerType).add("line", DataTypes.IntegerType)
                .add("code", DataTypes.StringType).add("tooth", DataTypes.StringType)
                .add("surfaces", DataTypes.StringType).add("area", DataTypes.StringType)
                .add("quantity", DataTypes.createDecimalType(12, 3))
                .add("charge", DataTypes.createDecimalType(12, 2)).add("service_date", DataTypes.DateType);
        static final StructType FINDINGS = new StructType()
                .add("file", DataTypes.StringType).add("claim_id", DataTypes.StringType)
                .add("claim_ordinal", DataTypes.IntegerType).add("line", DataTypes.IntegerType)
                .add("rule", DataTypes.StringType).add("severity", DataTypes.StringType)
                .add("segment", DataTypes.IntegerType).add("element", DataTypes.IntegerType)
                .add("status_code", DataTypes.StringType).add("message", DataTypes.StringType);

        private Tables() {
        }
    }
}
