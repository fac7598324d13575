package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim of 20,000 service lines, each over the guide's 50 and each with its own error: the writers find each
 * segment's errors and findings through a map made once per claim, not by scanning all of them for every segment
 * (which took over a minute for 50,000 lines). The timeout only guards against that coming back; it measures
 * nothing.
 */
class ManyLinesTest {
    static final int LINES = 20_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyLineOfAHugeClaimIsAnnotated() throws Exception {
        List<String> segs = new ArrayList<>();
        for (String s : Files.readString(Path.of("edi-samples/subscriber-is-patient.edi"), StandardCharsets.UTF_8)
                .split("~\n")) {
            if (s.startsWith("LX*1")) {
                break;
            }
            segs.add(s.startsWith("CLM*") ? "CLM*BIG1*" + LINES + ".00***11:B:1*Y*A*Y*Y" : s);
        }
        for (int i = 1; i <= LINES; i++) {
            segs.add("LX*" + i);
            segs.add("SV3*AD:D0120*1.00****1");
        }
        int st = 0;
        while (!segs.get(st).startsWith("ST*")) {
            st++;
        }
        segs.add("SE*" + (segs.size() - st + 1) + "*0001");
        segs.add("GE*1*733");
        segs.add("IEA*1*000000733");
        Path in = tmp.resolve("huge.edi");
        Files.writeString(in, String.join("~\n", segs) + "~\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults()).scrub(in, out);

        String listing = Files.readString(out.resolve("huge.annotated.txt"), StandardCharsets.UTF_8);
        // line 51 onwards: the loop over its repeat, shown under the LX that opened it
        long over = listing.lines().filter(l -> l.contains("syntax error: loop 2400 may occur 50 times")).count();
        assertEquals(LINES - 50, over, "each LX past the 50th carries its IK3 4 in the listing");
        assertTrue(listing.contains("LX*" + LINES + "~"), "the last line is listed");
        String ack = Files.readString(out.resolve("huge.999"), StandardCharsets.UTF_8);
        assertTrue(ack.contains("*2400*4~"), "the 999 reports the loop over its repeat");
        assertTrue(ack.contains("IK5*R"), "and rejects the set");
    }
}
