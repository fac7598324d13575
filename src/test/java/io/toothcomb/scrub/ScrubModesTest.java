package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertSameSummary(two, one);
        assertSameFiles(tmp.resolve("two"), tmp.resolve("single"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void setsWrittenApartGiveWhatTheTwoPassScrubWrites(Path sample) throws IOException {
        Scrubber split = scrubber().split(true);
        ScrubSummary apart = split.scrub(sample, Files.createDirectories(tmp.resolve("split")));
        ScrubSummary two = scrub(sample, "two", false);
        assertSameSummary(two, apart);
        assertSameFiles(tmp.resolve("two"), tmp.resolve("split"));
        // a file that ends inside a set cannot be taken apart: it is read whole, and nothing else is
        assertEquals(sample.endsWith("broken-truncated.edi") ? 1 : 0, split.splitFallbacks(), "read whole");
    }

    /**
     * A batch of 15 transaction sets, with many defects and a set in the middle that the 999 rejects (its SE01 is
     * off by one), scrubbed with its sets apart while some (or all) of their buffers go to temporary files: the
     * same outputs as the two-pass scrub, no set read whole, and no temporary file left (the rejected set is
     * read twice; its first buffers must go too).
     */
    @ParameterizedTest
    @ValueSource(longs = {0, 4 * Fragment.CHUNK})
    void aBatchOfManySetsWrittenApartIsTheSameAsWhole(long memory) throws IOException {
        Path file = tmp.resolve("many-sets.edi");
        SyntheticBatch.write(3000, 11, new SyntheticBatch.Options(200, 0.3), file);
        String text = Files.readString(file);
        Matcher se = Pattern.compile("SE\\*(\\d+)\\*").matcher(text);
        for (int i = 0; i < 8; i++) {
            assertTrue(se.find());
        }
        text = text.substring(0, se.start(1)) + (Integer.parseInt(se.group(1)) + 1) + text.substring(se.end(1));
        Files.writeString(file, text);

        Scrubber split = scrubber().split(true).splitMemory(memory);
        Set<Path> tempBefore = temporaries();
        ScrubSummary apart = split.scrub(file, Files.createDirectories(tmp.resolve("split")));
        ScrubSummary whole = scrub(file, "two", false);
        assertSameSummary(whole, apart);
        assertSameFiles(tmp.resolve("two"), tmp.resolve("split"));
        assertEquals(0, split.splitFallbacks());
        assertEquals(1, split.splits());
        assertTrue(apart.rejected() > 200, "the rejected set's claims are rejected: " + apart.rejected());
        assertEquals(tempBefore, temporaries(), "no set's buffer left in the temporary folder");
    }

    /** Every output, the element form of the XML included, is the same written apart as whole. */
    @Test
    void everyOutputWrittenApartIsTheSameAsWhole() throws IOException {
        Path file = tmp.resolve("all-outputs.edi");
        SyntheticBatch.write(1200, 4, new SyntheticBatch.Options(150, 0.2), file);
        ScrubOptions all = ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK).withControls(SAME_NUMBER)
                .withOutputs(EnumSet.allOf(Output.class));
        Scrubber split = new Scrubber(RuleEngine.load(null), all).split(true);
        ScrubSummary apart = split.scrub(file, Files.createDirectories(tmp.resolve("split")));
        ScrubSummary whole = new Scrubber(RuleEngine.load(null), all).split(false).optimistic(false)
                .scrub(file, Files.createDirectories(tmp.resolve("two")));
        assertSameSummary(whole, apart);
        assertSameFiles(tmp.resolve("two"), tmp.resolve("split"));
        assertEquals(1, split.splits());
        assertTrue(Files.exists(tmp.resolve("split").resolve(Output.ANNOTATED_XML_ELEMENTS.fileName(
                "all-outputs.edi"))));
    }

    /**
     * Files a split scrub must get right or give up on: segments ended by line breaks, a duplicate ST02 (the set is rejected), a segment
     * between sets, a group left open, a set without its SE, an ST outside any group. Each way, the outputs are
     * the two-pass scrub's.
     */
    @ParameterizedTest
    @MethodSource("brokenEnvelopes")
    void brokenEnvelopesWrittenApartGiveWhatTheTwoPassScrubWrites(String name, String from, String to,
                                                                  boolean readWhole) throws IOException {
        String text = Files.readString(Path.of("edi-samples/clean-three-transactions.edi"));
        assertTrue(text.contains(from), from);
        Path file = tmp.resolve(name + ".edi");
        Files.writeString(file, text.replace(from, to));
        Scrubber split = scrubber().split(true);
        ScrubSummary apart = split.scrub(file, Files.createDirectories(tmp.resolve("split")));
        ScrubSummary whole = scrub(file, "two", false);
        assertSameSummary(whole, apart);
        assertSameFiles(tmp.resolve("two"), tmp.resolve("split"));
        assertEquals(readWhole ? 1 : 0, split.splitFallbacks(), "read whole");
    }

    static Stream<Arguments> brokenEnvelopes() {
        return Stream.of(
                // not broken: line breaks as segment terminators (the skip then counts a line per segment)
                Arguments.of("newline-terminators", "~\n", "\n", false),
                Arguments.of("duplicate-st02", "ST*837*0002*", "ST*837*0001*", false),
                // a group or interchange rejected as a whole (a stray segment between sets, TA1 024; a group
                // without its GE, AK9 3) overrules sets that were sound in themselves, and that is known only at
                // its end: read whole, with every verdict known before a set is written
                Arguments.of("segment-between-sets", "SE*137*0001~\n", "SE*137*0001~\nNTE*ADD*STRAY~\n", true),
                Arguments.of("group-left-open", "GE*3*417~\n", "", true),
                Arguments.of("no-iea", "IEA*1*000000417~\n", "", true),
                Arguments.of("double-iea", "IEA*1*000000417~\n", "IEA*1*000000417~\nIEA*1*000000417~\n", true),
                Arguments.of("iea-without-terminator", "IEA*1*000000417~\n", "IEA*1*000000417", false),
                Arguments.of("set-without-se", "SE*73*0002~\n", "", true),
                Arguments.of("st-outside-a-group", "GS*HC*CDL40417*NSDCH01*20260320*1412*417*X*005010X224A2~\n", "",
                        true));
    }

    /** Left alone, a scrub splits a file of many sets of 2 MB or more, and not a file of one big set. */
    @Test
    void bigFilesOfManySetsAreSplitByThemselves() throws IOException {
        Path many = tmp.resolve("many.edi");
        SyntheticBatch.write(7000, 5, new SyntheticBatch.Options(1000, 0.04), many);
        Path one = tmp.resolve("one.edi");
        SyntheticBatch.write(7000, 5, new SyntheticBatch.Options(7000, 0.04), one);
        assertTrue(Files.size(many) >= Scrubber.SPLIT_MIN_BYTES, "big enough: " + Files.size(many));
        Scrubber s = scrubber();
        s.scrub(many, Files.createDirectories(tmp.resolve("many")));
        assertEquals(1, s.splits());
        s.scrub(one, Files.createDirectories(tmp.resolve("one")));
        assertEquals(1, s.splits(), "one set: the pipeline");
    }

    private static Set<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("toothcomb-set-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /**
     * Every answer numbered 1: the modes are compared output for output, and a scrub that falls back to reading a
     * file whole makes its writers again (taking new numbers, which leaves gaps, as it may).
     */
    static final ControlSequence SAME_NUMBER = count -> 1;

    static Scrubber scrubber() throws IOException {
        return new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK)
                .withControls(SAME_NUMBER));
    }

    static void assertSameSummary(ScrubSummary expected, ScrubSummary got) {
        assertEquals(expected.withNanos(0), got.withNanos(0), expected.file());
    }

    static void assertSameFiles(Path expectedDir, Path gotDir) throws IOException {
        List<Path> expected = list(expectedDir);
        List<Path> got = list(gotDir);
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
        Scrubber s = scrubber().split(false);
        ScrubSummary summary = s.scrub(sample, Files.createDirectories(tmp.resolve("restarts")));
        String json = Files.readString(tmp.resolve("restarts").resolve(Output.FINDINGS_JSON.fileName(
                sample.getFileName().toString())));
        boolean rejectedSet = json.contains("\"" + ClaimResult.ENVELOPE_RULE + "\"");
        assertEquals(rejectedSet ? 1 : 0, s.restarts(), summary.file() + ": read again only for a rejected set");
    }

    private ScrubSummary scrub(Path sample, String dir, boolean singlePass) throws IOException {
        Path out = Files.createDirectories(tmp.resolve(dir));
        Scrubber s = scrubber().split(false).optimistic(singlePass);
        return s.scrub(sample, out);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
