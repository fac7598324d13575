package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listing shows a claim's segments as a person reads them, whatever bytes the file holds. */
class ListingWriterTest {
    @TempDir
    Path tmp;

    @Test
    void nonAsciiTextIsKeptAndMalformedBytesShowAsReplacementCharacters() throws Exception {
        String text = Files.readString(Path.of("edi-samples/defect-missing-tooth.edi"), StandardCharsets.UTF_8);
        String marker = "NTE*ADD*SDF APPLIED TO ACTIVE LESION, TOOTH NOT RECORDED";
        assertTrue(text.contains(marker));
        int at = text.indexOf(marker) + marker.length();
        ByteArrayOutputStream edi = new ByteArrayOutputStream();
        edi.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        edi.writeBytes(" BY DR. MÜLLER, JOSÉ ".getBytes(StandardCharsets.UTF_8));
        edi.write(0xFF); // not UTF-8
        edi.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("bytes.edi");
        Files.write(f, edi.toByteArray());

        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withOutputs(EnumSet.of(Output.LISTING)))
                .scrub(f, tmp.resolve("out"));

        String listing = Files.readString(tmp.resolve("out/bytes.annotated.txt"), StandardCharsets.UTF_8);
        assertTrue(listing.contains(" | " + marker + " BY DR. MÜLLER, JOSÉ \uFFFD~\n"), listing);
        assertTrue(listing.contains("     21 | CLM*CB26110301*68.00***11:B:1*Y*A*Y*Y~\n"), listing);
    }
}
