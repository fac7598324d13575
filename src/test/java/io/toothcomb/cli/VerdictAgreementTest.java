package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.writers.AckShape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One verdict per file: for broken envelopes built from {@code clean-three-transactions.edi} (and for the same file
 * with whitespace between segments), {@code ./toothcomb scrub} is run and its five answers must agree: the 999 (and
 * the TA1 in it), the exit code, the console line, the listing and findings.json, and the 277CA follows them.
 */
class VerdictAgreementTest {
    static final Path CLEAN = Path.of("edi-samples/clean-three-transactions.edi");
    static final int CLAIMS = 9;

    @TempDir
    Path tmp;
    @RegisterExtension
    final ConsoleCapture capture = new ConsoleCapture();

    /** A variant: its name, how it is made from the clean file, and what the 999 must say (TA1 or AK9 text). */
    static Stream<Arguments> variants() {
        return Stream.of(
                // accepted: nothing wrong, or only what a clearinghouse tolerates
                Arguments.of("clean", edit(s -> s), true, "AK9*A*3*3*3"),
                Arguments.of("no-final-terminator", edit(s -> s.substring(0, s.lastIndexOf('~'))), true, "AK9*A*3*3*3"),
                Arguments.of("no-final-terminator-newline", edit(s -> s.substring(0, s.lastIndexOf('~')) + "\n"), true,
                        "AK9*A*3*3*3"),
                Arguments.of("indented", edit(s -> s.replace("~\n", "~\n    ").replace("~\n    ISA", "~\nISA")), true,
                        "AK9*A*3*3*3"),
                Arguments.of("spaces-tabs-crlf", edit(s -> s.replace("~\n", "~ \t\r\n\t")), true, "AK9*A*3*3*3"),
                Arguments.of("cr-only", edit(s -> s.replace("~\n", "~\r")), true, "AK9*A*3*3*3"),
                Arguments.of("one-line", edit(s -> s.replace("~\n", "~")), true, "AK9*A*3*3*3"),
                // rejected at the group: a missing GE (AK9 code 3)
                Arguments.of("no-ge", edit(s -> s.replace("GE*3*417~\n", "")), false, "AK9*R*3*3*0*3"),
                // rejected at the interchange: a TA1 before our GS, and the group accepts nothing
                Arguments.of("no-iea", edit(s -> s.replace("IEA*1*000000417~\n", "")), false,
                        "TA1*000000417*260320*1412*R*023"),
                Arguments.of("no-ge-no-iea", edit(s -> s.replace("GE*3*417~\nIEA*1*000000417~\n", "")), false,
                        "TA1*000000417*260320*1412*R*023"),
                Arguments.of("double-iea", edit(s -> s + "IEA*1*000000417~\n"), false, "TA1*000000417*260320*1412*R*022"),
                Arguments.of("double-ge", edit(s -> s.replace("GE*3*417~\n", "GE*3*417~\nGE*3*417~\n")), false,
                        "TA1*000000417*260320*1412*R*024"),
                Arguments.of("iea-count", edit(s -> s.replace("IEA*1*", "IEA*2*")), false,
                        "TA1*000000417*260320*1412*R*021"),
                Arguments.of("iea-control", edit(s -> s.replace("IEA*1*000000417", "IEA*1*000000418")), false,
                        "TA1*000000417*260320*1412*R*001"),
                Arguments.of("truncated-iea", edit(s -> s.substring(0, s.lastIndexOf("0417~"))), false,
                        "TA1*000000417*260320*1412*R*001"),
                Arguments.of("isa-qualifier", edit(s -> s.replaceFirst("\\*ZZ\\*CDL40417", "*Z9*CDL40417")), false,
                        "TA1*000000417*260320*1412*R*005"));
    }

    static UnaryOperator<String> edit(UnaryOperator<String> f) {
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theFiveAnswersAgree(String name, UnaryOperator<String> make, boolean accepted, String ack) throws Exception {
        String text = make.apply(Files.readString(CLEAN, StandardCharsets.UTF_8));
        Path in = Files.createDirectories(tmp.resolve("in")).resolve(name + ".edi");
        Files.writeString(in, text, StandardCharsets.UTF_8);
        Path o = tmp.resolve("out");
        int exit = Main.run("scrub", in.toString(), "--out", o.toString());
        String console = capture.out().trim();
        String what = name + ": " + console + "\n" + capture.err();
        assertFalse(capture.err().contains("\tat "), "no stack trace: " + what);

        // the 999: well formed, and its verdict
        List<String> acks = AckShape.assert999(Files.readAllBytes(o.resolve(name + ".999")), name + ".999");
        assertTrue(acks.contains(ack), what + "\nthe 999 says " + ack + ": " + acks);
        boolean ackAccepts = acks.stream().noneMatch(s -> s.startsWith("TA1*") && s.contains("*R*"))
                && acks.stream().filter(s -> s.startsWith("AK9*")).allMatch(s -> s.startsWith("AK9*A*"));
        assertEquals(accepted, ackAccepts, what + "\n999: " + acks);

        // the exit code and the console line
        assertEquals(accepted ? Main.OK : Main.ENVELOPE_REJECTED, exit, what);
        assertTrue(console.startsWith(name + ".edi: " + CLAIMS + " claims, " + (accepted ? CLAIMS : 0) + " accepted, "
                + (accepted ? 0 : CLAIMS) + " rejected"), what);
        assertTrue(console.contains(accepted ? "; 999 accepts;" : "; 999 REJECTS (see .999);"), what);

        // the listing
        String listing = Files.readString(o.resolve(name + ".annotated.txt"), StandardCharsets.UTF_8);
        String last = listing.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("-- " + CLAIMS + " claims: " + (accepted ? CLAIMS : 0) + " accepted, "
                + (accepted ? 0 : CLAIMS) + " rejected"), what + "\n" + last);
        assertTrue(last.contains(accepted ? "envelope accepted" : "envelope REJECTED"), what + "\n" + last);
        if (!accepted) {
            assertTrue(listing.contains("== envelope ==\n") && listing.contains(" REJECTED ("), what + "\n" + listing);
        }

        // findings.json
        String json = Files.readString(o.resolve(name + ".findings.json"), StandardCharsets.UTF_8);
        assertEquals(accepted ? CLAIMS : 0, count(json, "\"status\":\"accepted\""), what + "\n" + json);
        assertEquals(accepted ? 0 : CLAIMS, count(json, "\"status\":\"rejected\""), what + "\n" + json);
        assertEquals(accepted ? 0 : CLAIMS, count(json, "\"rule\":\"X12-999\""), what + "\n" + json);
        assertTrue(json.contains("\"accepted\":" + (accepted ? CLAIMS : 0) + ",\"rejected\":" + (accepted ? 0 : CLAIMS)),
                what + "\n" + json);
        assertEquals(accepted, json.contains("\"errors\":[]"), what + ": errors exactly when rejected\n" + json);
        assertEquals(name.startsWith("no-final-terminator"), json.contains("\"warnings\":["), what + "\n" + json);

        // the 277CA acknowledges exactly the claims the 999 lets through
        Path ca = o.resolve(name + ".277");
        assertEquals(accepted, Files.exists(ca), what + ": a 277CA only when something was accepted");
        if (accepted) {
            String c = Files.readString(ca, StandardCharsets.UTF_8);
            assertEquals(CLAIMS, count(c, "STC*A2:20"), what);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
