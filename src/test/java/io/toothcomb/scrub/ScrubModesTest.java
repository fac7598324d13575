package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.toothcomb.rules.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Scrubber#scrub(Path, Path)} reads a file once and starts again with the envelope pass when a transaction
 * set turns out to be rejected. Either way the outputs must be byte for byte those of the two-pass scrub: every
 * sample, broken ones included, is scrubbed both ways and every output file compared.
 */
class ScrubModesTest {
    @TempDir
    Path tmp;

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("edi-samples"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".edi")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void singlePassWritesWhatTheTwoPassScrubWrites(Path sample) throws IOException {
        ScrubSummary one = scrub(sample, "single", true);
        ScrubSummary two = scrub(sample, "two", false);
        assertEquals(two.claims(), one.claims());
        assertEquals(two.rejected(), one.rejected());
        assertEquals(two.envelopeRejected(), one.envelopeRejected());
        List<Path> expected = list(tmp.resolve("two"));
        List<Path> got = list(tmp.resolve("single"));
        assertFalse(expected.isEmpty());
        assertEquals(expected.stream().map(p -> p.getFileName().toString()).toList(),
                got.stream().map(p -> p.getFileName().toString()).toList(), "the same files, no temporary left");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(Files.readAllBytes(expected.get(i)), Files.readAllBytes(got.get(i)),
                    got.get(i).getFileName().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void onlyAFileWithARejectedTransactionSetIsReadAgain(Path sample) throws IOException {
        Scrubber s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK));
        ScrubSummary summary = s.scrub(sample, Files.createDirectories(tmp.resolve("restarts")));
        String json = Files.readString(tmp.resolve("restarts").resolve(Output.FINDINGS_JSON.fileName(
                sample.getFileName().toString())));
        boolean rejectedSet = json.contains("\"" + ClaimResult.ENVELOPE_RULE + "\"");
        assertEquals(rejectedSet ? 1 : 0, s.restarts(), summary.file() + ": read again only for a rejected set");
    }

    private ScrubSummary scrub(Path sample, String dir, boolean singlePass) throws IOException {
        Path out = Files.createDirectories(tmp.resolve(dir));
        Scrubber s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK))
                .optimistic(singlePass);
        return s.scrub(sample, out);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
