package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.guide.OwnAcksFollowTheirGuidesTest;
import io.toothcomb.writers.AckShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input crashes, hangs or prints a stack trace, and every file gets its answer: the samples mutated at random
 * (a fixed seed; bytes flipped, deleted, duplicated, delimiters swapped, non-ASCII and control bytes put in,
 * segments dropped or repeated, the file cut short) are scrubbed through the command line in one run, and each
 * gets a well-formed 999 (ISA of 106 bytes, counts right), findings.json, a listing and well-formed annotated XML,
 * with exit code 0 to 3.
 */
@Tag("slow") // hundreds of mutated files scrubbed one by one; run by .ci/run, excluded from the default mvn verify
class MutatedInputsTest {
    static final int MUTANTS = 240;

    @TempDir
    Path tmp;
    @RegisterExtension
    final ConsoleCapture capture = new ConsoleCapture();

    @Test
    void everyMutantGetsItsAnswersAndNoStackTrace() throws Exception {
        List<byte[]> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("edi-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".edi")).sorted().toList()) {
                samples.add(Files.readAllBytes(f));
            }
        }
        Random r = new Random(20261202);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] b = mutate(samples.get(r.nextInt(samples.size())), r);
            Files.write(in.resolve(String.format("m%03d.edi", i)), b);
        }
        Path out = tmp.resolve("out");
        int code = Main.run("scrub", in.toString(), "--out", out.toString());
        String text = capture.out() + capture.err();
        assertFalse(text.contains("Exception") || text.contains("\tat "), "a stack trace or exception:\n" + text);
        assertTrue(code >= 0 && code <= 3, "exit " + code + "\n" + text);
        for (int i = 0; i < MUTANTS; i++) {
            String name = String.format("m%03d", i);
            Path ack = out.resolve(name + ".999");
            assertTrue(Files.exists(ack), name + ": no 999");
            assertTrue(Files.exists(out.resolve(name + ".findings.json")), name + ": no findings.json");
            assertTrue(Files.exists(out.resolve(name + ".annotated.txt")), name + ": no listing");
            AckShape.assert999(Files.readAllBytes(ack), name + ".999");
            try (java.io.InputStream xml = Files.newInputStream(out.resolve(name + ".annotated.xml"))) {
                javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
            } catch (org.xml.sax.SAXException e) {
                throw new AssertionError(name + ".annotated.xml is not well formed: " + e.getMessage(), e);
            }
            assertEquals(List.of(), OwnAcksFollowTheirGuidesTest.problems(ack), name + ".999 against the X231 table");
            Path ack277 = out.resolve(name + ".277");
            if (Files.exists(ack277)) {
                assertEquals(List.of(), OwnAcksFollowTheirGuidesTest.problems(ack277),
                        name + ".277 against the X214 table");
            }
        }
    }

    /** One to four random edits of a sample. */
    static byte[] mutate(byte[] src, Random r) {
        List<Byte> b = new ArrayList<>(src.length + 16);
        for (byte x : src) {
            b.add(x);
        }
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = r.nextInt(b.size());
            switch (r.nextInt(9)) {
                case 0 -> b.set(at, (byte) r.nextInt(256)); // any byte
                case 1 -> b.remove(at);
                case 2 -> b.add(at, b.get(at));
                case 3 -> b.set(at, (byte) "*:^~|>\n\r".charAt(r.nextInt(8))); // a delimiter where none was
                case 4 -> b.set(at, (byte) (0xC0 + r.nextInt(64))); // a Latin-1 letter
                case 5 -> b.set(at, (byte) r.nextInt(32)); // a control character
                case 6 -> { // a segment dropped
                    int end = indexOf(b, (byte) '~', at);
                    for (int k = at; k <= end && k < b.size(); ) {
                        b.remove(at);
                        end--;
                    }
                }
                case 7 -> { // the segment at 'at' repeated
                    int start = lastIndexOf(b, (byte) '~', at) + 1;
                    int end = indexOf(b, (byte) '~', at);
                    if (end > start) {
                        b.addAll(end + 1, new ArrayList<>(b.subList(start, end + 1)));
                    }
                }
                default -> { // the file cut short
                    while (b.size() > at) {
                        b.remove(b.size() - 1);
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static int indexOf(List<Byte> b, byte x, int from) {
        for (int i = from; i < b.size(); i++) {
            if (b.get(i) == x) {
                return i;
            }
        }
        return b.size() - 1;
    }

    private static int lastIndexOf(List<Byte> b, byte x, int from) {
        for (int i = Math.min(from, b.size() - 1); i >= 0; i--) {
            if (b.get(i) == x) {
                return i;
            }
        }
        return -1;
    }
}
