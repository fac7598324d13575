package io.toothcomb.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.reader.Segment;
import io.toothcomb.reader.X12Reader;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every 999 and 277CA toothcomb writes, for every sample, every golden and rule-fixture input, a synthetic batch
 * with defects and a set of broken inputs, is checked by the same validator the 999 uses, with the 999
 * (005010X231A1) and 277CA (005010X214) guide tables, and its envelope counted: ISA of 106 bytes, SE01, GE01 and
 * IEA01 right, control numbers matching.
 */
public class OwnAcksFollowTheirGuidesTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path out;

    @BeforeAll
    static void scrub() throws IOException {
        Scrubber s = new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(CLOCK));
        List<Path> inputs = new ArrayList<>();
        for (String dir : List.of("edi-samples", "src/test/resources/golden")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(p -> p.toString().endsWith(".edi")).sorted().forEach(inputs::add);
            }
        }
        Path in = out.resolve("in");
        Files.createDirectories(in);
        // rule fixtures, each made a whole interchange
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".claim")).sorted().toList()) {
                Path x = in.resolve(f.getParent().getFileName() + "-" + f.getFileName() + ".edi");
                Files.writeString(x, io.toothcomb.rules.FixtureFile.read(f).toX12(), StandardCharsets.UTF_8);
                inputs.add(x);
            }
        }
        // broken in ways that reach the envelope and the 999's own elements
        String clean = Files.readString(Path.of("edi-samples/clean-three-transactions.edi"), StandardCharsets.ISO_8859_1);
        broken(inputs, in, "not-x12", "hello, this is not an interchange\n");
        broken(inputs, in, "isa06-latin1", clean.replaceFirst("\\*ZZ\\*(\\w)", "*ZZ*\u00d1"));
        broken(inputs, in, "st-corrupt", clean.replaceFirst("ST\\*837\\*0001\\*", "ST*8\u00017*00:1*"));
        broken(inputs, in, "no-ge", clean.replaceFirst("GE\\*3\\*[0-9]+~\r?\n?", ""));
        broken(inputs, in, "gs01-hs", clean.replaceFirst("GS\\*HC", "GS*HS"));
        broken(inputs, in, "no-bht", clean.replaceFirst("BHT\\*[^~]*~\r?\n?", ""));
        for (Path f : inputs) {
            Path dir = out.resolve("out").resolve(f.getFileName().toString());
            Files.createDirectories(dir);
            s.scrub(f, dir);
        }
        Path batch = out.resolve("synthetic.edi");
        SyntheticBatch.write(800, 5, new SyntheticBatch.Options(200, 0.2), batch);
        Path dir = out.resolve("out").resolve("synthetic");
        Files.createDirectories(dir);
        s.scrub(batch, dir);
    }

    private static void broken(List<Path> inputs, Path in, String name, String text) throws IOException {
        Path f = in.resolve("broken-" + name + ".edi");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        inputs.add(f);
    }

    @TestFactory
    Stream<DynamicTest> everyAcknowledgmentFollowsItsGuide() throws IOException {
        List<Path> acks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("out"))) {
            files.filter(p -> p.toString().endsWith(".999") || p.toString().endsWith(".277")).sorted()
                    .forEach(acks::add);
        }
        long n999 = acks.stream().filter(p -> p.toString().endsWith(".999")).count();
        long n277 = acks.size() - n999;
        System.out.println("OWN-ACKS 999=" + n999 + " 277=" + n277);
        assertTrue(n999 > 100 && n277 > 80, n999 + " 999s, " + n277 + " 277s");
        return acks.stream().map(p -> DynamicTest.dynamicTest(out.relativize(p).toString(),
                () -> assertEquals(List.of(), problems(p), p.toString())));
    }

    /** What is wrong with one acknowledgment file: envelope counts and the guide's IK3/IK4-style findings. */
    public static List<String> problems(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        int isaEnd = indexOf(bytes, bytes.length > 105 ? bytes[105] : (byte) '~');
        if (bytes.length < 106 || isaEnd != 105) {
            problems.add("ISA is not 106 bytes (terminator at " + isaEnd + ")");
        }
        for (byte b : bytes) {
            if ((b & 0x80) != 0) {
                problems.add("a byte above 127");
                break;
            }
        }
        List<String> errors = new ArrayList<>();
        GuideReport report = new GuideReport() {
            @Override
            public void segmentError(Segment at, String segmentId, String loopId, String code, String message) {
                errors.add("segment " + (at == null ? 0 : at.ordinal()) + " " + segmentId + " IK3 " + code + ": "
                        + message);
            }

            @Override
            public void elementError(Segment s, String loopId, int element, int component, String ref, String code,
                                     String bad, String message) {
                errors.add("segment " + s.ordinal() + " IK4 " + code + ": " + message);
            }
        };
        GuideValidator validator = null;
        String isa13 = null;
        String gs06 = null;
        int groups = 0;
        int sets = 0;
        int inSet = 0;
        String st02 = null;
        try (InputStream in = Files.newInputStream(file)) {
            X12Reader r = new X12Reader(in, file.getFileName().toString());
            Segment s;
            while ((s = r.next()) != null) {
                switch (s.id()) {
                    case "ISA" -> {
                        isa13 = s.element(13);
                        groups = 0;
                        if (s.elementCount() != 16) {
                            problems.add("ISA has " + s.elementCount() + " elements");
                        }
                    }
                    case "TA1" -> {
                        // an interchange rejected at its envelope: TA1 between our ISA and GS (X12 allows it there)
                        if (validator != null || s.elementCount() != 5 || s.elementLength(1) != 9
                                || !(s.elementIs(4, "A") || s.elementIs(4, "E") || s.elementIs(4, "R"))
                                || s.elementLength(5) != 3) {
                            problems.add("TA1 malformed or inside a set: " + s.text());
                        }
                    }
                    case "GS" -> {
                        groups++;
                        sets = 0;
                        gs06 = s.element(6);
                        String want = file.toString().endsWith(".999") ? "FA" : "HN";
                        if (!s.elementIs(1, want)) {
                            problems.add("GS01 " + s.element(1) + ", not " + want);
                        }
                    }
                    case "ST" -> {
                        sets++;
                        inSet = 1;
                        st02 = s.element(2);
                        validator = new GuideValidator(s.elementIs(1, "999") ? Guide.ack999() : Guide.ack277());
                        validator.start(s, report);
                    }
                    case "SE" -> {
                        inSet++;
                        if (validator != null) {
                            validator.end(s, report);
                        }
                        if (!s.elementIs(1, Integer.toString(inSet))) {
                            problems.add("SE01 " + s.element(1) + " but the set has " + inSet + " segments");
                        }
                        if (!s.elementIs(2, st02)) {
                            problems.add("SE02 " + s.element(2) + " is not ST02 " + st02);
                        }
                        validator = null;
                    }
                    case "GE" -> {
                        if (!s.elementIs(1, Integer.toString(sets))) {
                            problems.add("GE01 " + s.element(1) + " but the group has " + sets + " sets");
                        }
                        if (!s.elementIs(2, gs06)) {
                            problems.add("GE02 is not GS06");
                        }
                    }
                    case "IEA" -> {
                        if (!s.elementIs(1, Integer.toString(groups))) {
                            problems.add("IEA01 " + s.element(1) + " but the interchange has " + groups + " groups");
                        }
                        if (!s.elementIs(2, isa13)) {
                            problems.add("IEA02 is not ISA13");
                        }
                    }
                    default -> {
                        inSet++;
                        if (validator != null) {
                            validator.segment(s, report);
                        } else {
                            problems.add("segment " + s.ordinal() + " " + s.id() + " outside a transaction set");
                        }
                    }
                }
            }
        } catch (io.toothcomb.reader.X12Exception e) {
            problems.add("not readable: " + e.getMessage());
        }
        problems.addAll(errors);
        return problems;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
