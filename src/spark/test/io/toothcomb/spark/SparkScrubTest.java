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

    /** What {@code toothcomb scrub} wrote into NAME.findings.json, in the same form as {@link #verdicts}. */
    static void fromCli(Map<String, String> m, Path json) throws Exception {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile());
        String file = root.get("file").asText();
        int ordinal = 0;
        for (com.fasterxml.jackson.databind.JsonNode c : root.get("claims")) {
            List<com.fasterxml.jackson.databind.JsonNode> fs = new ArrayList<>();
            c.get("findings").forEach(fs::add);
            fs.sort(java.util.Comparator.<com.fasterxml.jackson.databind.JsonNode>comparingInt(x -> x.get("segment")
                            .asInt()).thenComparingInt(x -> x.get("element").asInt())
                    .thenComparing(x -> x.get("rule").asText()));
            StringBuilder b = new StringBuilder(c.get("status").asText());
            fs.forEach(x -> b.append(' ').append(x.get("rule").asText()));
            m.put(key(file, c.get("id").asText(), ordinal++), b.toString());
        }
    }

    /** Runs the command line in this JVM: {@code toothcomb scrub ARGS}, JSON findings only. */
    static void cli(Path out, List<String> args) {
        List<String> a = new ArrayList<>(List.of("scrub", "-q", "--outputs", "json", "--out", out.toString()));
        a.addAll(args);
        io.toothcomb.cli.Main.run(a.toArray(String[]::new));
    }

    @Test
    void everySampleAgreesWithTheSingleFileScrubAndBadFilesAreRows(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<Path> samples;
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            samples = s.filter(p -> p.toString().endsWith(".edi")).sorted().toList();
        }
        List<Path> golden;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/golden"))) {
            golden = s.filter(p -> p.toString().endsWith(".edi")).sorted().toList();
        }
        samples = new ArrayList<>(samples);
        samples.addAll(golden);
        for (Path p : samples) {
            Files.copy(p, in.resolve(p.getFileName()));
        }
        Files.writeString(in.resolve("not-x12.txt"), "this is a letter, not an interchange\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        SparkScrub.Result r = SparkScrub.run(spark, new SparkScrub.Options(in.toString(), out.toString(), "json",
                SALT, false));
        assertEquals(samples.size() + 1, r.files());

        // toothcomb scrub on the same files: statuses and rule ids of every claim, from its findings.json
        Path cliOut = tmp.resolve("cli");
        cli(cliOut, samples.stream().map(Path::toString).toList());
        Map<String, String> expected = new TreeMap<>();
        for (Path p : samples) {
            Path json = cliOut.resolve(baseName(p) + ".findings.json");
            if (Files.exists(json)) {
                fromCli(expected, json);
            }
        }
        assertTrue(expected.size() > 40, "the samples hold claims: " + expected.size());
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

    static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Copies of a sample with another interchange date and claim ids, and optionally a replacement or void. */
    static String variant(String text, String isaDate, String suffix) {
        return text.replace("*261124*0815*", "*" + isaDate + "*0815*").replaceAll("CLM\\*(CB\\d+)", "CLM*$1" + suffix);
    }

    /**
     * Makes claim {@code id} of {@code text} a replacement (7) or void (8) named {@code newId} of the claim
     * {@code original}: CLM05-3, a REF*F8 after its DTP*472, and the set's SE count one more.
     */
    static String supersede(String text, String id, String newId, char freq, String original) {
        int clm = text.indexOf("CLM*" + id + "*");
        int b = text.indexOf("11:B:1", clm);
        String t = text.substring(0, clm) + "CLM*" + newId + text.substring(clm + 4 + id.length(), b) + "11:B:" + freq
                + text.substring(b + 6);
        int dtp = t.indexOf("DTP*472*", clm);
        int end = t.indexOf('~', dtp) + 1;
        while (end < t.length() && (t.charAt(end) == '\n' || t.charAt(end) == '\r')) {
            end++;
        }
        t = t.substring(0, end) + "REF*F8*" + original + "~\n" + t.substring(end);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SE\\*(\\d+)\\*").matcher(t);
        m.find();
        return t.substring(0, m.start(1)) + (Integer.parseInt(m.group(1)) + 1) + t.substring(m.end(1));
    }

    /** Tooth 14's D1354 becomes D3351 (first apexification visit). */
    static String apex(String text) {
        return text.replaceAll("SV3\\*AD:D1354(\\*32\\.00\\*\\*\\*\\*1~\\s*TOO\\*JP\\*14~)", "SV3*AD:D3351$1");
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
        // a replacement of a claim of the first file and a void of one of the second, then more of the same
        String corrected = supersede(variant(sdf, "261206", "F"), "CB26111804F", "CB26111804R", '7', "CB26111804A");
        corrected = supersede(corrected, "CB26111906F", "CB26111906V", '8', "CB26111906B");
        Files.writeString(in.resolve("f.edi"), corrected, StandardCharsets.ISO_8859_1);
        Files.writeString(in.resolve("g.edi"), variant(sdf, "261207", "G"), StandardCharsets.ISO_8859_1);
        // apexification on tooth 14 under the medicaid pack: D3351, then D3351 again while the sequence is open
        Files.writeString(in.resolve("h.edi"), apex(variant(sdf, "261208", "H")), StandardCharsets.ISO_8859_1);
        Files.writeString(in.resolve("i.edi"), apex(variant(sdf, "261209", "I")), StandardCharsets.ISO_8859_1);
        for (String s : List.of("defect-apexification.edi", "replacement-claim.edi", "defect-d1354-multi-tooth.edi")) {
            Files.copy(Path.of("edi-samples", s), in.resolve(s));
        }
        Path out = tmp.resolve("out");
        SparkScrub.Result r = SparkScrub.run(spark, new SparkScrub.Options(in.toString(), out.toString(), "parquet",
                SALT, true));
        Map<String, String> spark = verdicts(out, "parquet");

        // the sequential run: toothcomb scrub --history (H2) over the files in archive order
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = new ArrayList<>(s.toList());
        }
        Toothcomb plain = Toothcomb.builder().patientSalt(SALT).build();
        files.sort(java.util.Comparator.comparing(p -> SparkScrub.order(plain.report(p), "file:" + p)));
        Path cliOut = tmp.resolve("cli");
        List<String> args = new ArrayList<>(List.of("--history", tmp.resolve("h2").toString()));
        files.forEach(p -> args.add(p.toString()));
        cli(cliOut, args);
        Map<String, String> sequential = new TreeMap<>();
        Map<String, String> withoutHistory = new TreeMap<>();
        for (Path p : files) {
            fromCli(sequential, cliOut.resolve(baseName(p) + ".findings.json"));
            expect(withoutHistory, p.getFileName().toString(), plain.report(p).claims());
        }
        assertEquals(sequential, spark);
        assertNotEquals(withoutHistory, sequential, "the archive changes some verdicts");
        assertTrue(r.historyChanged() > 0);
        assertTrue(sequential.values().stream().anyMatch(v -> v.contains("HISTORY-APEX-SEQUENCE")), "" + sequential);
        assertTrue(sequential.keySet().stream().anyMatch(k -> k.contains("CB26111804R"))
                && sequential.keySet().stream().anyMatch(k -> k.contains("CB26111906V")), "replacement and void read");
        assertTrue(sequential.values().stream().anyMatch(v -> v.startsWith("rejected")
                && v.contains("HISTORY-D1354-FREQUENCY")), "a cap rejects a claim: " + sequential);
    }

    /** Every row of a table written as JSON, as text, sorted. */
    static List<String> rows(Path out, String table) {
        return spark.read().json(out.resolve(table).toString()).collectAsList().stream().map(Row::toString).sorted()
                .toList();
    }

    @Test
    void aBigFileSplitAtTransactionSetsGivesWhatTheWholeFileGives(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        // 600 claims in sets of 40 (15 sets), three in ten with a defect a rule finds
        Path big = in.resolve("big.837");
        io.toothcomb.generate.SyntheticBatch.write(600, 11, new io.toothcomb.generate.SyntheticBatch.Options(40, 0.3),
                big);
        String text = Files.readString(big, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("GE*15*"), "15 sets");
        // the same with its GE counting a set too many: the group's verdict rests on every set, so it is not split
        Files.writeString(in.resolve("broken-ge.837"), variantIds(text, "G").replace("GE*15*", "GE*16*"),
                StandardCharsets.ISO_8859_1);
        // the same with a claim charge that is not a number, in its last set: the 999 rejects that set and names
        // the segment in words, so the slices are thrown away and the file scrubbed whole
        String bad = variantIds(text, "S");
        int clm = bad.lastIndexOf("CLM*");
        int charge = bad.indexOf('*', clm + 4) + 1;
        bad = bad.substring(0, charge) + "12.3X" + bad.substring(bad.indexOf('*', charge));
        Files.writeString(in.resolve("syntax.837"), bad, StandardCharsets.ISO_8859_1);
        long slice = Files.size(big) / 5;

        Path split = tmp.resolve("split");
        SparkScrub.Result rs = SparkScrub.run(spark, new SparkScrub.Options(in.toString(), split.toString(), "json",
                SALT, true, slice));
        Path whole = tmp.resolve("whole");
        SparkScrub.Result rw = SparkScrub.run(spark, new SparkScrub.Options(in.toString(), whole.toString(), "json",
                SALT, true, 0));
        assertEquals(0, rw.splitFiles());
        assertEquals(1, rs.splitFiles(), "big.837 is split, broken-ge.837 is not");
        assertEquals(1, rs.splitFallbacks(), "syntax.837 is split, then scrubbed whole");
        assertTrue(rs.slices() >= 10, "two files of about five slices: " + rs.slices());
        assertEquals(3, rs.files());
        for (String table : List.of("envelopes", "claims", "lines", "findings")) {
            assertEquals(rows(whole, table), rows(split, table), table);
        }
        // what the tables say: the split file's 15 sets accepted, claims with findings; the broken GE rejects
        List<Row> env = spark.read().json(split.resolve("envelopes").toString()).collectAsList();
        assertEquals(List.of("A"), verdictsOf(env, "big.837"));
        assertEquals(15, env.stream().filter(r -> r.<String>getAs("file").endsWith("/big.837")).count());
        // the broken GE: its sets pass (IK5 A) but the 999's AK9 rejects the group, so every claim is rejected
        Map<String, String> v = verdicts(split, "json");
        List<String> ge = v.entrySet().stream().filter(e -> e.getKey().startsWith("broken-ge.837#"))
                .map(Map.Entry::getValue).toList();
        assertEquals(600, ge.size());
        assertTrue(ge.stream().allMatch(x -> x.startsWith("rejected") && x.contains("X12-999")), ge.get(0));
        assertEquals(List.of("R"), verdictsOf(env, "broken-ge.837"), "the group's AK9 rejects each of its set rows");
        assertEquals(List.of("A", "R"), verdictsOf(env, "syntax.837"));
        assertEquals(1800, rs.claims());
        assertTrue(v.entrySet().stream().anyMatch(e -> e.getKey().startsWith("big.837#")
                && e.getValue().startsWith("rejected ")), "a defect rejects a claim of big.837");
        assertTrue(v.containsKey("big.837#" + lastClaimId(text) + "#599"), "claims numbered through the file");
    }

    /** The file's claims with another suffix on their ids (so that the history sees other claims). */
    static String variantIds(String text, String suffix) {
        return text.replaceAll("CLM\\*([A-Z0-9]+)\\*", "CLM*$1" + suffix + "*");
    }

    static String lastClaimId(String text) {
        int clm = text.lastIndexOf("CLM*") + 4;
        return text.substring(clm, text.indexOf('*', clm));
    }

    /** The distinct 999 verdicts of one file's envelope rows, sorted. */
    static List<String> verdictsOf(List<Row> env, String file) {
        return env.stream().filter(r -> r.<String>getAs("file").endsWith("/" + file)).map(r -> r.<String>getAs(
                "verdict")).distinct().sorted().toList();
    }
}
