package io.toothcomb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's plain results (what the Spark job tabulates) and its in-memory history replay. */
class ToothcombReportTest {
    static final byte[] SALT = new byte[] {1, 2, 3, 4};

    @Test
    void reportGivesVerdictsAndFindingsWithoutPhi() throws Exception {
        Toothcomb tc = Toothcomb.builder().patientSalt(SALT).build();
        FileReport r = tc.report(Path.of("edi-samples/defect-sdf-medicaid.edi"));
        assertEquals(6, r.claims().size());
        assertEquals(4, r.claims().stream().filter(ClaimReport::rejected).count()); // CB26111906 bills D2941, deleted in CDT 2025
        ClaimReport first = r.claims().get(0);
        assertEquals("CB26111701", first.claimId());
        assertEquals("rejected", first.status());
        assertEquals("medicaid", first.pack());
        assertEquals("D1354-D1355-SAME-TOOTH", first.findings().get(0).rule());
        assertEquals(List.of("K"), first.lines().get(1).teeth());
        assertEquals(64, first.patientKey().length());
        assertEquals(1, r.envelopes().size());
        assertEquals("A", r.envelopes().get(0).verdict());
        String all = r.toString();
        assertFalse(all.contains("ACHTERBERG") || all.contains("CSM90733016") || all.contains("20200614"), all);
        // the same salt gives the same key; another salt another
        assertEquals(first.patientKey(), Toothcomb.builder().patientSalt(SALT).build()
                .report(Path.of("edi-samples/defect-sdf-medicaid.edi")).claims().get(0).patientKey());
        assertNotEquals(first.patientKey(), Toothcomb.builder().patientSalt(new byte[] {9}).build()
                .report(Path.of("edi-samples/defect-sdf-medicaid.edi")).claims().get(0).patientKey());
    }

    @Test
    void aBadFileIsOneRejectedEnvelopeRow(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("letter.edi"), "Dear payer, please find enclosed\n");
        FileReport r = Toothcomb.builder().build().report(f);
        assertTrue(r.claims().isEmpty());
        assertEquals(1, r.envelopes().size());
        assertEquals("R", r.envelopes().get(0).verdict());
        assertFalse(r.envelopes().get(0).errors().isEmpty());
        FileReport truncated = Toothcomb.builder().build().report(Path.of("edi-samples/broken-truncated.edi"));
        assertTrue(truncated.envelopes().stream().anyMatch(v -> v.verdict().equals("R")));
    }

    @Test
    void aGroupTheNineNineNineRejectsRejectsEachOfItsSetRows(@TempDir Path tmp) throws Exception {
        // GE01 says 4 sets where the group has 3: each set's own syntax is sound (IK5 A), but AK9 rejects the
        // group, so every claim in it is rejected; the set rows must say so too, with the reason
        String text = Files.readString(Path.of("edi-samples/clean-three-transactions.edi"), StandardCharsets.ISO_8859_1);
        Path f = Files.writeString(tmp.resolve("ge-count.edi"), text.replace("GE*3*417~", "GE*4*417~"),
                StandardCharsets.ISO_8859_1);
        FileReport r = Toothcomb.builder().build().report(f);
        assertEquals(3, r.envelopes().size());
        for (FileReport.EnvelopeVerdict v : r.envelopes()) {
            assertEquals("R", v.verdict(), v.toString());
            assertTrue(v.errors().stream().anyMatch(e -> e.contains("AK9")), v.toString());
        }
        assertTrue(r.claims().stream().allMatch(c -> c.status().equals("rejected")), r.claims().toString());
    }

    static String variant(String text, String isaDate, String suffix) {
        return text.replace("*261124*0815*", "*" + isaDate + "*0815*").replaceAll("CLM\\*(CB\\d+)", "CLM*$1" + suffix);
    }

    /** Tooth 14's D1354 becomes D3351 (first apexification visit). */
    static String apex(String text) {
        return text.replaceAll("SV3\\*AD:D1354(\\*32\\.00\\*\\*\\*\\*1~\\s*TOO\\*JP\\*14~)", "SV3*AD:D3351$1");
    }

    static String verdict(ClaimReport c) {
        StringBuilder b = new StringBuilder(c.status());
        c.findings().forEach(f -> b.append(' ').append(f.rule()));
        return b.toString();
    }

    @Test
    void replayingEachPatientEqualsTheHistoryStore(@TempDir Path tmp) throws Exception {
        String sdf = Files.readString(Path.of("edi-samples/defect-sdf-medicaid.edi"), StandardCharsets.ISO_8859_1);
        List<Path> files = new ArrayList<>();
        String[] ids = {"A", "B", "A", "C"}; // the third re-sends the first: it must not count twice
        for (int i = 0; i < ids.length; i++) {
            files.add(Files.writeString(tmp.resolve("f" + i + ".edi"), variant(sdf, "26120" + (i + 1), ids[i]),
                    StandardCharsets.ISO_8859_1));
        }
        // apexification on tooth 14 under the medicaid pack: D3351, then D3351 again while the sequence is open
        for (String day : List.of("261206", "261207")) {
            files.add(Files.writeString(tmp.resolve("apex" + day + ".edi"), apex(variant(sdf, day, day)),
                    StandardCharsets.ISO_8859_1));
        }
        files.add(Path.of("edi-samples/defect-apexification.edi"));

        Map<String, String> store = new TreeMap<>();
        Toothcomb hist = Toothcomb.builder().history(tmp.resolve("h2").toString()).build();
        try {
            for (int i = 0; i < files.size(); i++) {
                for (ClaimReport c : hist.report(files.get(i)).claims()) {
                    store.put(i + "#" + c.ordinal(), verdict(c));
                }
            }
        } finally {
            hist.close();
        }

        Toothcomb tc = Toothcomb.builder().patientSalt(SALT).build();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, List<ClaimReport>> byPatient = new LinkedHashMap<>();
        Map<String, String> plain = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            for (ClaimReport c : tc.report(files.get(i)).claims()) {
                byPatient.computeIfAbsent(c.patientKey(), k -> new ArrayList<>()).add(c);
                keys.computeIfAbsent(c.patientKey(), k -> new ArrayList<>()).add(i + "#" + c.ordinal());
                plain.put(i + "#" + c.ordinal(), verdict(c));
            }
        }
        Map<String, String> replayed = new TreeMap<>();
        for (var e : byPatient.entrySet()) {
            List<ClaimReport> judged = tc.replayHistory(e.getValue());
            for (int j = 0; j < judged.size(); j++) {
                replayed.put(keys.get(e.getKey()).get(j), verdict(judged.get(j)));
            }
        }
        assertEquals(store, replayed);
        assertNotEquals(plain, store, "the history changes verdicts");
        assertTrue(store.values().stream().anyMatch(v -> v.contains("HISTORY-APEX-SEQUENCE")), store.toString());
        assertTrue(store.values().stream().anyMatch(v -> v.startsWith("rejected")
                && v.contains("HISTORY-D1354-FREQUENCY")), store.toString());
        assertTrue(tc.historyCodes().containsAll(List.of("D1354", "D3351", "D3352", "D3353")), "" + tc.historyCodes());
    }
}
