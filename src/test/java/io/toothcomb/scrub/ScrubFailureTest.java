package io.toothcomb.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.result.ClaimResult;
import io.toothcomb.result.Fragment;
import io.toothcomb.result.ScrubListener;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.result.ScrubSummary;
import io.toothcomb.rules.engine.RuleEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules and the writers run on threads of their own; what fails there fails the scrub, on the caller's thread. */
class ScrubFailureTest {
    private static final Path SAMPLE = Path.of("edi-samples/clean-three-transactions.edi");

    @TempDir
    Path tmp;

    private static Scrubber scrubber() throws IOException {
        return new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withClock(GoldenOutputsTest.CLOCK));
    }

    @Test
    void aListenerThatFailsOnAClaimFailsTheScrubWithItsException() throws IOException {
        IOException broken = new IOException("history store went away");
        ScrubListener failing = new ScrubListener() {
            @Override
            public void claim(ClaimResult result) throws IOException {
                throw broken;
            }
        };
        assertTrue(Files.exists(SAMPLE), SAMPLE + " is a bundled sample");
        assertSame(broken, assertThrows(IOException.class, () -> scrubber().scrub(SAMPLE, List.of(failing))));
    }

    @Test
    void aListenerThatThrowsAtRunTimeFailsTheScrubWithThatException() throws IOException {
        IllegalStateException bug = new IllegalStateException("a bug in a listener");
        ScrubListener failing = new ScrubListener() {
            @Override
            public void transactionStart(io.toothcomb.model.TransactionHeader h, io.toothcomb.loader.TransactionAck a) {
                throw bug;
            }
        };
        assertSame(bug, assertThrows(IllegalStateException.class, () -> scrubber().scrub(SAMPLE, List.of(failing))));
    }

    @Test
    void theListenersHearTheWholeFileInOrder() throws IOException {
        StringBuilder order = new StringBuilder();
        ScrubListener recorder = new ScrubListener() {
            @Override
            public void start(String fileName) {
                order.append("start ");
            }

            @Override
            public void claim(ClaimResult result) {
                order.append(result.claim().id()).append(' ');
            }

            @Override
            public void end(io.toothcomb.loader.FileAck syntax, ScrubSummary summary) {
                order.append("end");
            }
        };
        ScrubSummary s = scrubber().scrub(SAMPLE, List.of(recorder));
        String[] words = order.toString().split(" ");
        assertEquals("start", words[0]);
        assertEquals("end", words[words.length - 1]);
        assertEquals(s.claims(), words.length - 2, "one claim event per claim: " + order);
    }

    @Test
    void aFailedScrubToAFolderLeavesNoOutputs() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path notX12 = Files.writeString(tmp.resolve("gone.edi"), "ISA*00~");
        Files.delete(notX12); // unreadable: the loader fails before any claim
        assertThrows(IOException.class, () -> scrubber().scrub(notX12, out));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * A split scrub whose worker fails on a set (here: an I/O error) fails with that error, leaves no output and
     * no set's buffer on disk, and stops its worker threads.
     */
    @Test
    void aSetThatFailsOnItsWorkerFailsTheSplitScrubAndLeavesNothing() throws IOException {
        Path file = tmp.resolve("many-sets.edi");
        io.toothcomb.generate.SyntheticBatch.write(2000, 3,
                new io.toothcomb.generate.SyntheticBatch.Options(100, 0.1), file);
        Path out = Files.createDirectories(tmp.resolve("out"));
        IOException gone = new IOException("the disk went away");
        Scrubber s = scrubber().split(true).splitMemory(2 * Fragment.CHUNK);
        s.beforeSet = slice -> {
            if (slice.index() == 12) {
                throw new java.io.UncheckedIOException(gone);
            }
        };
        assertSame(gone, assertThrows(IOException.class, () -> s.scrub(file, out)));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), temp.filter(p -> p.getFileName().toString().startsWith("toothcomb-set-")).toList(),
                    "no set's buffer left");
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith("toothcomb-set-") && t.isAlive() && waitFor(t)),
                "the workers stop");
    }

    private static boolean waitFor(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return t.isAlive();
    }
}
