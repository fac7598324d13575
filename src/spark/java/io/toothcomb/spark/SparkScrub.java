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
import org.apache.spark.input.PortableDataStream;
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

    /** What to run. */
    public record Options(String input, String out, String format, byte[] salt, boolean history)
            implements Serializable {
    }

    /** What a run wrote, for the console and the benchmark. */
    public record Result(long files, long claims, long envelopes, long lines, long findings, long historyChanged) {
    }

    static final String USAGE = "usage: spark-scrub [--master URL] <input path or glob> --out <folder> "
            + "[--format parquet|json] [--salt-hex HEX] [--no-history]";

    public static void main(String[] args) {
        String master = null;
        String input = null;
        String out = null;
        String format = "parquet";
        String salt = System.getenv("TOOTHCOMB_PATIENT_SALT");
        boolean history = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--master" -> master = args[++i];
                    case "--out" -> out = args[++i];
                    case "--format" -> format = args[++i].toLowerCase(Locale.ROOT);
                    case "--salt-hex" -> salt = args[++i];
                    case "--no-history" -> history = false;
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
            Result r = run(spark, new Options(input, out, format, s, history));
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "spark-scrub: %d files, %d claims (%d changed by the archive history), "
                            + "%d lines, %d findings, %d envelope rows in %.1f s (%.0f claims/s) -> %s%n", r.files(),
                    r.claims(), r.historyChanged(), r.lines(), r.findings(), r.envelopes(), secs, r.claims() / secs,
                    out);
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

    /** Scrubs {@code o.input()} and writes the four tables into {@code o.out()}. */
    public static Result run(SparkSession spark, Options o) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        byte[] salt = o.salt();
        JavaPairRDD<String, PortableDataStream> files = sc.binaryFiles(o.input(), sc.defaultParallelism());
        JavaRDD<Scrubbed> reports = files.mapPartitions(it -> scrubAll(it, salt))
                .persist(StorageLevel.MEMORY_AND_DISK());

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
        }).persist(StorageLevel.MEMORY_AND_DISK());

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
        long nFiles = reports.count();
        long nChanged = changedMap.size();
        changed.destroy();
        finalClaims.unpersist();
        reports.unpersist();
        return new Result(nFiles, nClaims, nEnv, nLines, nFindings, nChanged);
    }

    private static long write(Dataset<Row> df, Options o, String table) {
        Dataset<Row> d = df.persist(StorageLevel.MEMORY_AND_DISK());
        String target = o.out() + "/" + table;
        if (o.format().equals("json")) {
            d.write().mode(SaveMode.Overwrite).json(target);
        } else {
            d.write().mode(SaveMode.Overwrite).parquet(target);
        }
        long n = d.count();
        d.unpersist();
        return n;
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    /** Per partition: one toothcomb instance; each file copied to a local temporary file and scrubbed. */
    static Iterator<Scrubbed> scrubAll(Iterator<Tuple2<String, PortableDataStream>> files, byte[] salt)
            throws IOException {
        Toothcomb tc = Toothcomb.builder().patientSalt(salt).build();
        Path dir = Files.createTempDirectory("toothcomb-spark-");
        List<Scrubbed> out = new ArrayList<>();
        try {
            while (files.hasNext()) {
                Tuple2<String, PortableDataStream> f = files.next();
                String path = f._1();
                String name = path.substring(path.lastIndexOf('/') + 1);
                Path local = dir.resolve(name.isEmpty() ? "input" : name);
                FileReport r;
                try (InputStream in = f._2().open()) {
                    Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                    r = tc.report(local);
                } catch (IOException | UncheckedIOException e) {
                    r = new FileReport(name, List.of(new FileReport.EnvelopeVerdict(null, "", null, null, "R",
                            List.of("cannot be read: " + e.getClass().getSimpleName()))), List.of());
                } finally {
                    Files.deleteIfExists(local);
                }
                out.add(new Scrubbed(path, order(r, path), r));
            }
        } finally {
            Files.deleteIfExists(dir);
            tc.close();
        }
        return out.iterator();
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
            Toothcomb tc = Toothcomb.builder().patientSalt(salt).build();
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
