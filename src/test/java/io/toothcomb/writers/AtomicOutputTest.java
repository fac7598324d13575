package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output appears complete under its name or not at all, also when it is big enough to be forced while written. */
class AtomicOutputTest {

    @TempDir
    Path dir;

    /** Writes {@code total} bytes of a repeating pattern in odd-sized pieces and returns their SHA-256. */
    private static byte[] writePattern(OutputStream out, long total) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] piece = new byte[70_001];
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) ('A' + i % 26);
        }
        long left = total;
        while (left > 0) {
            int n = (int) Math.min(piece.length, left);
            out.write(piece, 0, n);
            sha.update(piece, 0, n);
            left -= n;
        }
        return sha.digest();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aBigOutputForcedWhileWrittenArrivesWholeAndOnlyAtCommit() throws Exception {
        Path target = dir.resolve("big.annotated.xml");
        long size = 2L * AtomicOutput.WRITEBACK_EVERY + 12_345; // two background forces and a tail
        byte[] expected;
        try (AtomicOutput f = new AtomicOutput(target)) {
            expected = writePattern(f.stream(), size);
            assertFalse(Files.exists(target), "nothing under the final name before commit");
            f.commit();
        }
        assertEquals(size, Files.size(target));
        assertArrayEquals(expected, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(target)));
        assertEquals(List.of(target), files(), "no temporary file left behind");
    }

    @Test
    void anAbortedBigOutputLeavesNothing() throws Exception {
        Path target = dir.resolve("big.277");
        try (AtomicOutput f = new AtomicOutput(target)) {
            writePattern(f.stream(), AtomicOutput.WRITEBACK_EVERY + 1_000);
            f.abort(); // possibly while its background force is still running
        }
        assertTrue(files().isEmpty(), "neither the output nor its temporary file: " + files());
    }

    @Test
    void aSmallOutputIsCommittedAsWritten() throws Exception {
        Path target = dir.resolve("small.999");
        try (AtomicOutput f = new AtomicOutput(target)) {
            f.stream().write("ISA*00~\n".getBytes());
            f.commit();
        }
        assertEquals("ISA*00~\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }
}
