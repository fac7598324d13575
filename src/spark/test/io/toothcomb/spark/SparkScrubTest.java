package io.toothcomb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.api.ClaimReport;
import io.toothcomb.api.FileReport;
import io.toothcomb.api.Toothcomb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] against the embedding API's own scrub of the same files, one by one. */
class SparkScrubTest {
    static final byte[] SALT = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("toothcomb-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** "file#claim_id#ordinal" -> "status rule rule ..." from the Spark tables. */
    static Map<String, String> verdicts(Path out, String format) {
        Map<String, String> m = new TreeMap<>();
        for (Row r : spark.read().format(format).load(out.resolve("claims").toString()).collectAsList()) {
            m.put(key(r.getAs("file"), r.getAs("claim_id"), ((Number) r.getAs("claim_ordinal")).intValue()),
                    r.getAs("status"));
        }
        List<Row> f = spark.read().format(format).load(out.resolve("findings").toString())
                .orderBy("file", "claim_ordinal", "segment", "element", "rule").collectAsList();
        for (Row r : f) {
            m.merge(key(r.getAs("file"), r.getAs("claim_id"), ((Number) r.getAs("claim_ordinal")).intValue()),
                    " " + r.getAs("rule"), String::concat);
        }
        return m;
    }

    static String key(String file, String claim, int ordinal) {
        return file.substring(file.lastIndexOf('/') + 1) + "#" + claim + "#" + ordinal;
    }

    static void expect(Map<String, String> m, String file, List<ClaimReport> claims) {
        for (ClaimReport c : claims) {
            StringBuilder b = new StringBuilder(c.status());
            c.findings().stream().sorted(java.util.Comparator.comparingInt(io.toothcomb.api.FindingReport::segment)
                            .thenComparingInt(io.toothcomb.api.FindingReport::element)
                            .thenComparing(io.toothcomb.api.FindingReport::rule))
                    .forEach(x -> b.append(' ').append(x.rule()));
            m.put(key(file, c.claimId(), c.ordinal()), b.toString());
        }
    }

    @Test
    void everySampleAgreesWithTheSingleFileScrubAndBadFilesAreRows(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<Path> samples;
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            samples = s.filter(p -> p.toString().endsWith(".edi")).sorted().toList();
        }
        for (Path p : samples) {
            Files.copy(p, in.resolve(p.getFileName()));
        }
        Files.writeString(in.resolve("not-x12.txt"), "this is a letter, not an interchange\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        SparkScrub.Result r = SparkScrub.run(spark, new SparkScrub.Options(in.toString(), out.toString(), "json",
                SALT, false));
        assertEquals(samples.size() + 1, r.files());

        Map<String, String> expected = new TreeMap<>();
        Toothcomb tc = Toothcomb.builder().patientSalt(SALT).build();
        int claims = 0;
        for (Path p : samples) {
            FileReport f = tc.report(p);
            expect(expected, p.getFileName().toString(), f.claims());
            claims += f.claims().size();
        }
        assertTrue(claims > 40, "the samples hold claims");
        assertEquals(expected, verdicts(out, "json"));

        // the bad files are rows of envelopes with a rejecting verdict, and the job went on
        List<Row> env = spark.read().json(out.resolve("envelopes").toString()).collectAsList();
        for (String bad : List.of("not-x12.txt", "broken-truncated.edi", "broken-wrong-version.edi")) {
            List<Row> rows = env.stream().filter(x -> x.<String>getAs("file").endsWith("/" + bad)).toList();
            assertTrue(!rows.isEmpty(), bad + " has a row");
            assertTrue(rows.stream().anyMatch(x -> "R".equals(x.getAs("verdict"))), bad + " is rejected");
        }
        // no PHI: the sample's subscriber name and member id appear nowhere in the tables
        for (String table : List.of("claims", "lines", "findings", "envelopes")) {
            try (Stream<Path> s = Files.walk(out.resolve(table))) {
                for (Path p : s.filter(x -> x.toString().endsWith(".json")).toList()) {
                    String text = Files.readString(p);
                    assertTrue(!text.contains("ACHTERBERG") && !text.contains("CSM90733016"), table + " has PHI");
                }
            }
        }
    }

    /** Copies of a sample with another interchange date and claim ids, and optionally a replacement or void. */
    static String variant(String text, String isaDate, String suffix) {
        return text.replace("*261124*0815*", "*" + isaDate + "*0815*").replaceAll("CLM\\*(CB\\d+)", "CLM*$1" + suffix);
    }

    @Test
    void archiveHistoryEqualsTheSequentialRun(@TempDir Path tmp) throws Exception {
        String sdf = Files.readString(Path.of("edi-samples/defect-sdf-medicaid.edi"), StandardCharsets.ISO_8859_1);
        Path in = Files.createDirectories(tmp.resolve("in"));
        // named against their date order, so that name order is not archive order
        Files.writeString(in.resolve("e.edi"), variant(sdf, "261201", "A"), StandardCharsets.ISO_8859_1);
        Files.writeString(in.resolve("d.edi"), variant(sdf, "261202", "B"), StandardCharsets.ISO_8859_1);
        Files.writeString(in.resolve("c.edi"), variant(sdf, "261203", "C"), StandardCharsets.ISO_8859_1);
        // a re-sent file (same claim ids as the first): each claim supersedes itself, it does not count twice
        Files.writeString(in.resolve("b.edi"), variant(sdf, "261204", "A"), StandardCharsets.ISO_8859_1);
        Files.writeString(in.resolve("a.edi"), variant(sdf, "261205", "D"), StandardCharsets.ISO_8859_1);
        for (String s : List.of("defect-apexification.edi", "replacement-claim.edi", "defect-d1354-multi-tooth.edi")) {
            Files.copy(Path.of("edi-samples", s), in.resolve(s));
        }
        Path out = tmp.resolve("out");
        SparkScrub.Result r = SparkScrub.run(spark, new SparkScrub.Options(in.toString(), out.toString(), "parquet",
                SALT, true));
        Map<String, String> spark = verdicts(out, "parquet");

        // the sequential run: the API's scrub with an H2 claim history, file after file in archive order
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = new ArrayList<>(s.toList());
        }
        Toothcomb plain = Toothcomb.builder().patientSalt(SALT).build();
        files.sort(java.util.Comparator.comparing(p -> SparkScrub.order(plain.report(p), "file:" + p)));
        Map<String, String> sequential = new TreeMap<>();
        Map<String, String> withoutHistory = new TreeMap<>();
        Toothcomb hist = Toothcomb.builder().history(tmp.resolve("h2").toString()).build();
        try {
            for (Path p : files) {
                expect(sequential, p.getFileName().toString(), hist.report(p).claims());
                expect(withoutHistory, p.getFileName().toString(), plain.report(p).claims());
            }
        } finally {
            hist.close();
        }
        assertEquals(sequential, spark);
        assertNotEquals(withoutHistory, sequential, "the archive changes some verdicts");
        assertTrue(r.historyChanged() > 0);
        assertTrue(sequential.values().stream().anyMatch(v -> v.startsWith("rejected")
                && v.contains("HISTORY-D1354-FREQUENCY")), "a cap rejects a claim: " + sequential);
    }
}
