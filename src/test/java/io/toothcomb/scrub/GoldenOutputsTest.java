package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.control.ControlSequence;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/**
 * Scrubs the inputs in src/test/resources/golden with a fixed clock, control numbers from 1 and the default packs and compares every
 * output (the default ones and the opt-in {@code NAME.elements.xml}) with its golden copy: X12 and text exactly,
 * XML with XMLUnit. Regenerate after a deliberate change
 * with {@code mvn test -Dtest=GoldenOutputsTest -Dgolden.update=true} and say why in the commit.
 */
class GoldenOutputsTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"d1354-quantity", "se-count", "truncated", "latin1-name"})
    void outputsMatchGolden(String name) throws IOException {
        // every output but the HTML report, whose page carries its stylesheet and script: it is checked by what it
        // holds and shows (ReportHtmlTest, ReportBrowserTest), not byte for byte
        Scrubber s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(CLOCK)
                .withOutputs(EnumSet.complementOf(EnumSet.of(Output.REPORT_HTML)))
                .withControls(ControlSequence.startingAt(1)));
        s.scrub(GOLDEN.resolve(name + ".edi"), out);
        boolean update = Boolean.getBoolean("golden.update");
        List<Path> produced;
        try (Stream<Path> files = Files.list(out)) {
            produced = files.sorted().toList();
        }
        assertTrue(produced.stream().noneMatch(p -> p.getFileName().toString().startsWith(".")),
                "no temporary file is left behind: " + produced);
        for (Path p : produced) {
            Path golden = GOLDEN.resolve("expected").resolve(p.getFileName());
            if (update) {
                Files.createDirectories(golden.getParent());
                Files.copy(p, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            assertTrue(Files.exists(golden), "no golden file for " + p.getFileName());
            if (p.toString().endsWith(".xml")) {
                Diff d = DiffBuilder.compare(Input.fromPath(golden)).withTest(Input.fromPath(p))
                        .ignoreWhitespace().checkForSimilar().build();
                assertTrue(!d.hasDifferences(), p.getFileName() + ": " + d);
            } else {
                assertEquals(Files.readString(golden, StandardCharsets.UTF_8), Files.readString(p, StandardCharsets.UTF_8),
                        p.getFileName().toString());
            }
        }
        try (Stream<Path> files = Files.list(GOLDEN.resolve("expected"))) {
            long expected = files.filter(p -> p.getFileName().toString().startsWith(name + ".")).count();
            assertEquals(expected, produced.size(), "same set of outputs as the golden set");
        }
    }
}
