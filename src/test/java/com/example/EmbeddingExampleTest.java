package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.api.ClaimReport;
import io.toothcomb.api.ControlNumberStore;
import io.toothcomb.api.FileReport;
import io.toothcomb.api.FindingReport;
import io.toothcomb.api.OurIds;
import io.toothcomb.api.ScrubResult;
import io.toothcomb.api.Toothcomb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of the API's package description, run as an embedding user writes it: in a package of its own,
 * importing only io.toothcomb.api. {@link #example} holds the very text of the example (the second test checks
 * that the two stay the same).
 */
class EmbeddingExampleTest {
    static final Path SAMPLE = Path.of("edi-samples/defect-missing-tooth.edi");

    @TempDir
    Path outDir;

    static List<String> example(Path input, Path outDir) throws IOException {
        // example start
        List<String> lines = new ArrayList<>();
        try (Toothcomb tc = Toothcomb.builder()
                .controlNumbers(ControlNumberStore.startingAt(1))
                .ours(new OurIds("ZZ", "MYCLEARINGHOUSE", null, null, "MYCLEARINGHOUSE", null))
                .build()) {
            ScrubResult r = tc.scrub(input, outDir); // writes NAME.999, NAME.277, NAME.findings.json ... into outDir
            lines.add(r.file() + ": " + r.claims() + " claims, " + r.rejected() + " rejected");
            FileReport report = tc.report(input);    // the same scrub, as plain values
            for (ClaimReport claim : report.claims()) {
                for (FindingReport f : claim.findings()) {
                    lines.add(claim.claimId() + " " + f.severity() + " " + f.rule() + ": " + f.message());
                }
            }
        }
        // example end
        return lines;
    }

    @Test
    void theExampleScrubsASampleAndListsItsFindings() throws IOException {
        List<String> lines = example(SAMPLE, outDir);
        assertEquals("defect-missing-tooth.edi: 3 claims, 3 rejected", lines.get(0));
        // edi-samples/README.md: TOOTH-REQUIRED on exactly CB26110301 line 2, CB26110302 line 1, HV26110205 line 1
        List<String> toothRequired = lines.stream().filter(l -> l.contains(" TOOTH-REQUIRED: ")).toList();
        assertEquals(3, toothRequired.size(), String.join("\n", lines));
        assertTrue(toothRequired.get(0).startsWith("CB26110301 ERROR TOOTH-REQUIRED: "), toothRequired.get(0));
        assertTrue(toothRequired.get(1).startsWith("CB26110302 ERROR TOOTH-REQUIRED: "), toothRequired.get(1));
        assertTrue(toothRequired.get(2).startsWith("HV26110205 ERROR TOOTH-REQUIRED: "), toothRequired.get(2));

        String ack999 = Files.readString(outDir.resolve("defect-missing-tooth.999"), StandardCharsets.US_ASCII);
        assertTrue(ack999.startsWith("ISA*00*          *00*          *ZZ*MYCLEARINGHOUSE*"), ack999);
        assertTrue(ack999.contains("*000000001*"), "control numbers from the store: " + ack999);
        String ack277 = Files.readString(outDir.resolve("defect-missing-tooth.277"), StandardCharsets.US_ASCII);
        assertTrue(ack277.contains("STC*A6:244"), "the 277CA rejects the claims for the missing tooth: " + ack277);
        assertTrue(Files.isRegularFile(outDir.resolve("defect-missing-tooth.findings.json")));
    }

    @Test
    void thePackageDescriptionShowsThisExample() throws IOException {
        String doc = Files.readString(Path.of("src/main/java/io/toothcomb/api/package-info.java"));
        Matcher m = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "package-info has an example in <pre>{@code ...}</pre>");
        String documented = m.group(1).replaceAll("(?m)^ \\* ?", "");
        String self = Files.readString(Path.of("src/test/java/com/example/EmbeddingExampleTest.java"));
        String tested = self.substring(self.indexOf("// example start\n") + "// example start\n".length(),
                self.indexOf("        // example end"));
        assertEquals(normalize(tested), normalize(documented));
    }

    private static String normalize(String code) {
        return code.strip().replaceAll("\\s+", " ");
    }
}
