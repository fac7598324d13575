package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exit codes the README documents, and no stack trace to the user whatever the input. */
class CliTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final ConsoleCapture capture = new ConsoleCapture();

    private int run(String... args) {
        return Main.run(args);
    }

    private String stderr() {
        return capture.err();
    }

    private String stdout() {
        return capture.out();
    }

    private void assertNoStackTrace() {
        assertFalse(stderr().contains("\tat "), stderr());
        assertFalse(stdout().contains("\tat "), stdout());
    }

    @Test
    void cleanFileExitsZero() {
        assertEquals(Main.OK, run("scrub", "edi-samples/dependents.edi", "--out", tmp.toString()));
        assertTrue(stdout().startsWith("dependents.edi: "), stdout());
        assertTrue(Files.exists(tmp.resolve("dependents.999")));
        assertTrue(Files.exists(tmp.resolve("dependents.277")));
        assertNoStackTrace();
    }

    /** --outputs all writes the 837s that have claims, and the console says which were not written and why. */
    @Test
    void forwardOutputsAndWhatTheConsoleSaysOfThem() throws Exception {
        Path out = tmp.resolve("fwd");
        assertEquals(Main.CLAIMS_REJECTED, run("scrub", "edi-samples/defect-missing-tooth.edi", "--out",
                out.toString(), "--outputs", "all"));
        assertTrue(stdout().contains("; no defect-missing-tooth.accepted.837 (no accepted claim); "
                + "defect-missing-tooth.rejected.837: 3 claims"), stdout());
        assertFalse(Files.exists(out.resolve("defect-missing-tooth.accepted.837")), "no 837 without a claim");
        assertTrue(Files.readString(out.resolve("defect-missing-tooth.rejected.837")).startsWith("ISA*"));
        assertTrue(Files.exists(out.resolve("defect-missing-tooth.elements.xml")), "all is every kind");
        Path one = tmp.resolve("one");
        assertEquals(Main.ENVELOPE_REJECTED, run("scrub", "edi-samples/broken-se-count.edi", "--out", one.toString(),
                "--outputs", "rejected.837,accepted.837"));
        assertTrue(stdout().contains("broken-se-count.accepted.837: 1 claim; no broken-se-count.rejected.837 (no "
                + "rejected claim in a set the 999 takes); 1 claim in sets the 999 rejects are in neither 837"),
                stdout());
        try (var files = Files.list(one)) {
            assertEquals(List.of("broken-se-count.accepted.837"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertNoStackTrace();
    }

    @Test
    void elementFormOnlyOnRequest() throws Exception {
        Path all = tmp.resolve("all");
        assertEquals(Main.OK, run("scrub", "edi-samples/dependents.edi", "--out", all.toString()));
        try (var files = Files.list(all)) {
            assertEquals(java.util.List.of("dependents.277", "dependents.999", "dependents.annotated.txt",
                    "dependents.annotated.xml", "dependents.findings.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "the five default outputs");
        }
        assertTrue(Files.readString(all.resolve("dependents.annotated.xml")).contains("form=\"segments\""));
        Path some = tmp.resolve("some");
        assertEquals(Main.OK, run("scrub", "edi-samples/dependents.edi", "--out", some.toString(),
                "--outputs", "xml-elements,999"));
        try (var files = Files.list(some)) {
            assertEquals(java.util.List.of("dependents.999", "dependents.elements.xml"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(some.resolve("dependents.elements.xml")).contains("<CLM01>"));
        assertNoStackTrace();
    }

    @Test
    void rejectedClaimsExitOne() {
        assertEquals(Main.CLAIMS_REJECTED, run("scrub", "edi-samples/defect-d1354-quantity.edi", "--out", tmp.toString()));
        assertTrue(stdout().contains("1 rejected"), stdout());
    }

    @Test
    void envelopeRejectionExitsThreeAndStillWritesThe999() throws Exception {
        assertEquals(Main.ENVELOPE_REJECTED, run("scrub", "edi-samples/broken-truncated.edi", "--out", tmp.toString()));
        String ack = Files.readString(tmp.resolve("broken-truncated.999"));
        assertTrue(ack.contains("AK9*R"), ack);
        assertNoStackTrace();
    }

    @Test
    void aLostStHeaderStillGetsEveryOutputAndWellFormedXml() throws Exception {
        // the second transaction set's ST is gone: its SE closes no transaction (this once failed the XML writer)
        String text = Files.readString(Path.of("edi-samples/clean-three-transactions.edi"));
        Path in = tmp.resolve("in/no-st.edi");
        Files.createDirectories(in.getParent());
        Files.writeString(in, text.replace("ST*837*0002*005010X224A2~\n", ""));
        Path o = tmp.resolve("o");
        assertEquals(Main.ENVELOPE_REJECTED, run("scrub", in.toString(), "--out", o.toString()));
        for (String suffix : List.of(".999", ".findings.json", ".annotated.xml", ".annotated.txt")) {
            assertTrue(Files.exists(o.resolve("no-st" + suffix)), suffix + ": " + stderr());
        }
        // segments outside any transaction set make the interchange's content invalid: the TA1 rejects it, so
        // its group accepts nothing and there is no 277CA
        assertTrue(Files.readString(o.resolve("no-st.999")).contains("*R*024~"));
        assertTrue(Files.readString(o.resolve("no-st.999")).contains("AK9*R*"));
        assertTrue(Files.notExists(o.resolve("no-st.277")));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(o.resolve("no-st.annotated.xml").toFile());
        assertNoStackTrace();
    }

    @Test
    void notX12ExitsThreeWithA999() throws Exception {
        Path junk = tmp.resolve("in/junk.edi");
        Files.createDirectories(junk.getParent());
        Files.writeString(junk, "this is not an interchange~");
        Path o = tmp.resolve("o");
        assertEquals(Main.ENVELOPE_REJECTED, run("scrub", junk.toString(), "--out", o.toString()));
        assertTrue(Files.readString(o.resolve("junk.999")).contains("AK9*R*0*0*0"));
        assertTrue(Files.readString(o.resolve("junk.findings.json")).contains(
                "\"segment\":1,\"message\":\"segment 1: not an X12 interchange: it starts with this, not ISA"),
                Files.readString(o.resolve("junk.findings.json")));
        assertTrue(Files.readString(o.resolve("junk.annotated.txt")).contains("it starts with this, not ISA"));
        assertTrue(Files.notExists(o.resolve("junk.277")), "no 277CA when no transaction set could be read");
        assertNoStackTrace();
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(Main.USAGE, run("scrub", "no-such-file.edi", "--out", tmp.toString()));
        assertTrue(stderr().contains("no-such-file.edi"), stderr());
        assertEquals(Main.USAGE, run("scrub", "edi-samples/dependents.edi"));
        assertEquals(Main.USAGE, run("frobnicate"));
        assertEquals(Main.USAGE, run("scrub", "edi-samples/dependents.edi", "--out", tmp.toString(), "--outputs", "pdf"));
        assertNoStackTrace();
    }

    @Test
    void brokenPackFailsAtStartNamingFileAndLine() throws Exception {
        Path packs = Files.createDirectories(tmp.resolve("packs"));
        Files.writeString(packs.resolve("bad.pack"), "pack bad\nmatch payer=X\nrule NO-SUCH-RULE\n");
        assertEquals(Main.USAGE, run("scrub", "edi-samples/dependents.edi", "--out", tmp.resolve("o").toString(),
                "--packs", packs.toString()));
        assertTrue(stderr().contains("bad.pack:3"), stderr());
        assertNoStackTrace();
    }

    @Test
    void rulesListsEveryRule() {
        assertEquals(Main.OK, run("rules"));
        assertTrue(stdout().contains("D1354-PER-TOOTH"));
        assertTrue(stdout().contains("TOOTH-REQUIRED"));
    }

    @Test
    void helpExitsZero() {
        assertEquals(Main.OK, run("--help"));
        assertTrue(stdout().contains("Exit codes"), stdout());
    }

    @Test
    void folderRunWithTheReportWritesIndexSummaryJsonAndTheTableByRule() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(Path.of("edi-samples/defect-sdf-medicaid.edi"), in.resolve("a.edi"));
        Files.copy(Path.of("edi-samples/defect-d1354-quantity.edi"), in.resolve("b.edi"));
        Path out = tmp.resolve("out");
        Path summary = tmp.resolve("run.json");
        assertEquals(Main.CLAIMS_REJECTED, run("scrub", in.toString(), "--out", out.toString(), "--outputs",
                "report,json", "--summary-json", summary.toString()));
        assertTrue(Files.exists(out.resolve("a.report.html")) && Files.exists(out.resolve("b.report.html")));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<a href=\"a.report.html\">a.edi</a>"), index);
        // the console: per file with infos, then the table by rule and severity
        assertTrue(stdout().contains("a.edi: 6 claims, 2 accepted, 4 rejected (5 errors, 2 warnings, 0 infos)"),
                stdout());
        assertTrue(stdout().matches("(?s).*\nD1354-PER-TOOTH +1 +0 +0 +1\n.*"), stdout());
        assertTrue(stdout().matches("(?s).*\ntotal +6 +2 +0 +5\n.*"), stdout());
        String json = Files.readString(summary);
        assertTrue(json.contains("\"rule\" : \"D1354-PER-TOOTH\""), json);
        assertTrue(json.replaceAll("\\s", "").contains("\"total\":{\"claims\":8,\"accepted\":3,\"rejected\":5,"
                + "\"errors\":6,\"warnings\":2,\"infos\":0"), json);
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
        }
        assertNoStackTrace();
    }

    @Test
    void rulesShowsEachPacksSeverityAndHasAJsonForm() throws Exception {
        assertEquals(Main.OK, run("rules"));
        assertTrue(stdout().matches("(?s).*\nNARRATIVE-REQUIRED +warning +A6:669 +commercial=info,default=info,"
                + "medicaid=info .*"), stdout());
        capture.reset();
        assertEquals(Main.OK, run("rules", "--json"));
        var node = new com.fasterxml.jackson.core.JsonFactory().createParser(stdout());
        String sev = null;
        boolean inNarrative = false;
        for (var t = node.nextToken(); t != null; t = node.nextToken()) {
            if (t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && "id".equals(node.currentName())) {
                inNarrative = node.getText().equals("NARRATIVE-REQUIRED");
            } else if (inNarrative && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING
                    && "medicaid".equals(node.currentName())) {
                sev = node.getText();
            }
        }
        assertEquals("info", sev, "the medicaid pack runs NARRATIVE-REQUIRED as info");
    }
}
