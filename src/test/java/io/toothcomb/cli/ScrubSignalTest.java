package io.toothcomb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code scrub} in its own JVM, stopped by SIGTERM or Ctrl-C (SIGINT) in the middle of a big file: it exits
 * 143 or 130, says which files were finished, and leaves no temporary file; the finished files have all of their
 * outputs, the interrupted one none.
 */
@Tag("slow")
class ScrubSignalTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalMidFileRemovesTemporaryFilesAndSaysWhatWasFinished(String signal, int exit) throws Exception {
        // a job started in the background by a non-interactive shell (nohup, cmd &) has SIGINT ignored, and its
        // children inherit that: Ctrl-C cannot reach them, as the shell intends, so there is nothing to test
        org.junit.jupiter.api.Assumptions.assumeFalse(signal.equals("INT") && sigintIgnored(),
                "SIGINT is ignored in this process (started in the background), so the scrub would ignore it too");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(Path.of("edi-samples/dependents.edi"), in.resolve("0-small.edi"));
        SyntheticBatch.write(100_000, 7, in.resolve("1-big.edi"));
        Files.copy(in.resolve("1-big.edi"), in.resolve("2-big.edi"));
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("stdout.txt");
        Path errLog = tmp.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "scrub", in.toString(), "--out",
                out.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(errLog.toFile()).start();
        long end = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log).contains("0-small.edi:")) {
            assertTrue(p.isAlive() && System.currentTimeMillis() < end, "the small file is scrubbed first");
            Thread.sleep(20);
        }
        Thread.sleep(300); // into the first big file
        new ProcessBuilder("kill", "-s", signal, String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "stops within 10 s");
        String err = Files.readString(errLog);
        assertEquals(exit, p.exitValue(), err);
        assertTrue(err.contains("stopped by a signal: ") && err.contains("(0-small.edi)")
                && err.contains("-big.edi was being scrubbed: its 5 unfinished output(s) were removed"), err);
        List<String> left;
        try (Stream<Path> s = Files.list(out)) {
            left = s.map(x -> x.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        for (Output o : Output.defaults()) {
            expected.add(o.fileName("0-small.edi"));
        }
        String log1 = Files.readString(log);
        if (log1.contains("1-big.edi:")) { // the first big file was finished before the signal: all of its outputs
            for (Output o : Output.defaults()) {
                expected.add(o.fileName("1-big.edi"));
            }
        }
        assertEquals(expected.stream().sorted().toList(), left, "complete sets only, no temporary file: " + err);
    }

    /** True when this JVM was started with SIGINT ignored (Linux: bit 2 of SigIgn in /proc/self/status). */
    static boolean sigintIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2L) != 0;
            }
        }
        return false;
    }
}
