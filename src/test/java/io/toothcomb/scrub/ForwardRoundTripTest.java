package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.guide.OwnAcksFollowTheirGuidesTest;
import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.reader.Segment;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.FixtureFile;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of {@code NAME.accepted.837} and {@code NAME.rejected.837}: every sample, golden input and rule
 * fixture is scrubbed, and each 837 it yields is scrubbed again. The accepted one must come back with every claim
 * accepted and its 999 accepting it (and that 999 must follow the 999 guide); the rejected one with every claim
 * rejected by the same rules, and a 999 accepting it too. Each claim's segments must be the input's, apart from
 * the envelope and the HL numbering.
 */
class ForwardRoundTripTest {
    private static final Set<Output> KINDS = EnumSet.of(Output.ACK_999, Output.ACCEPTED_837, Output.REJECTED_837);

    @TempDir
    Path tmp;

    static List<Path> inputs() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(Path.of("edi-samples"), Path.of("src/test/resources/golden"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".edi")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> samplesAndGoldenInputsComeBackAsTheyWent() throws IOException {
        return inputs().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> roundTrip(p)));
    }

    @TestFactory
    Stream<DynamicTest> ruleFixturesComeBackAsTheyWent() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/rules"))) {
            fixtures = s.filter(p -> p.toString().endsWith(".claim")).sorted().toList();
        }
        assertTrue(fixtures.size() > 50, fixtures.size() + " fixtures");
        return fixtures.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            FixtureFile f = FixtureFile.read(p);
            Path dir = Files.createDirectories(tmp.resolve("fx-" + p.getParent().getFileName()));
            Path file = dir.resolve(p.getFileName() + ".edi");
            Files.writeString(file, f.toX12(), StandardCharsets.UTF_8);
            roundTrip(file);
        }));
    }

    /** A synthetic batch of many sets, written apart on several threads and whole. */
    @Test
    void aSyntheticBatchComesBackAsItWent() throws IOException {
        Path file = tmp.resolve("batch.edi");
        SyntheticBatch.write(3000, 11, new SyntheticBatch.Options(400, 0.1), file);
        Totals t = roundTrip(file);
        assertTrue(t.accepted > 2000 && t.rejected > 50, t.accepted + " accepted, " + t.rejected + " rejected");
    }

    record Totals(int accepted, int rejected) {
    }

    private Totals roundTrip(Path input) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("first-" + input.getFileName()));
        ScrubSummary first = scrubber(KINDS).scrub(input, out);
        String name = input.getFileName().toString();
        Path accepted = out.resolve(Output.ACCEPTED_837.fileName(name));
        Path rejected = out.resolve(Output.REJECTED_837.fileName(name));
        assertEquals(first.accepted() > 0, Files.exists(accepted), "accepted.837 exactly when a claim is accepted");
        assertEquals(first.forwardedRejected() > 0, Files.exists(rejected),
                "rejected.837 exactly when a claim of a set the 999 takes is rejected");
        Map<String, List<String>> claimsIn = claimSegments(input);
        if (Files.exists(accepted)) {
            ScrubSummary again = again(accepted);
            assertEquals(first.accepted(), again.claims(), "every accepted claim is forwarded");
            assertEquals(first.accepted(), again.accepted(), "and accepted again");
            assertSameClaims(claimsIn, accepted);
        }
        if (Files.exists(rejected)) {
            ScrubSummary again = again(rejected);
            assertEquals(first.forwardedRejected(), again.claims(), "every rejected claim of a taken set");
            assertEquals(again.claims(), again.rejected(), "and rejected again");
            assertEquals(0, again.notTaken(), "the 999 takes every set of rejected.837");
            assertSameClaims(claimsIn, rejected);
        }
        return new Totals(first.accepted(), first.forwardedRejected());
    }

    /** Scrubs a forwarded 837: its 999 accepts it and follows the 999 guide. */
    private ScrubSummary again(Path file) throws IOException {
        Path out = Files.createDirectories(file.resolveSibling("again-" + file.getFileName()));
        ScrubSummary s = scrubber(EnumSet.of(Output.ACK_999, Output.FINDINGS_JSON)).scrub(file, out);
        assertFalse(s.envelopeRejected(), file.getFileName() + ": the 999 accepts it");
        Path ack = out.resolve(Output.ACK_999.fileName(file.getFileName().toString()));
        String text = Files.readString(ack);
        assertTrue(text.contains("IK5*A") && text.contains("AK9*A"), text);
        assertEquals(List.of(), OwnAcksFollowTheirGuidesTest.problems(ack), "the 999 follows its guide");
        return s;
    }

    private static Scrubber scrubber(Set<Output> kinds) throws IOException {
        return new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK)
                .withOutputs(kinds));
    }

    /** Each claim's segments (CLM onwards) as text, by claim id; a claim id repeated gets a list of claims joined. */
    static Map<String, List<String>> claimSegments(Path file) throws IOException {
        Map<String, List<String>> claims = new HashMap<>();
        try {
            ClaimLoader.load(file, new LoadHandler() {
                @Override
                public void claim(ClaimUnit unit) {
                    StringBuilder b = new StringBuilder();
                    for (Segment s : unit.segments()) {
                        b.append(s.text()).append('\n');
                    }
                    claims.computeIfAbsent(unit.claim().id(), k -> new ArrayList<>()).add(b.toString());
                }
            });
        } catch (RuntimeException e) {
            // a broken input: its claims are matched as far as they could be read
        }
        return claims;
    }

    /** Every claim of {@code forwarded} is one of the input's, segment for segment. */
    private static void assertSameClaims(Map<String, List<String>> in, Path forwarded) throws IOException {
        Map<String, List<String>> out = claimSegments(forwarded);
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            for (String c : e.getValue()) {
                assertTrue(in.getOrDefault(e.getKey(), List.of()).contains(c),
                        forwarded.getFileName() + ": claim " + e.getKey() + " is not as received:\n" + c);
            }
        }
    }
}
