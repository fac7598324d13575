package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An output appears complete under its name or not at all, whatever its size: held in memory, written in
 * direct chunks (the last one padded to a block and cut back), or through the page cache where direct I/O is
 * not allowed.
 */
class AtomicOutputTest {

    @TempDir
    Path dir;

    static Stream<Arguments> sizes() {
        int c = AtomicOutput.CHUNK;
        long[] sizes = {0, 1, 4095, 4097, c - 1, c, c + 1, 2L * c, 3L * c + 12_345,
                AtomicOutput.WRITEBACK_EVERY + 70_001};
        return Stream.of(true, false).flatMap(direct -> java.util.Arrays.stream(sizes)
                .mapToObj(n -> Arguments.of(n, direct)));
    }

    /** Writes {@code total} bytes of a pattern, in pieces of odd sizes and now and then one byte at a time. */
    private static byte[] writePattern(OutputStream out, long total) throws IOException {
        byte[] all = new byte[Math.toIntExact(total)];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) ('A' + (i * 7 + i / 4096) % 26);
        }
        int at = 0;
        int step = 1;
        while (at < all.length) {
            int n = Math.min(step, all.length - at);
            if (n == 1) {
                out.write(all[at]);
            } else {
                out.write(all, at, n);
            }
            at += n;
            step = step * 3 % 200_003 + 1;
        }
        return all;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @ParameterizedTest(name = "{0} bytes, direct I/O allowed: {1}")
    @MethodSource("sizes")
    void anOutputArrivesWholeAndOnlyAtCommit(long size, boolean allowDirect) throws Exception {
        Path target = dir.resolve("out.annotated.xml");
        byte[] expected;
        try (AtomicOutput f = new AtomicOutput(target, allowDirect)) {
            expected = writePattern(f.stream(), size);
            f.stream().flush();
            assertFalse(Files.exists(target), "nothing under the final name before commit");
            if (!allowDirect || size <= AtomicOutput.CHUNK) {
                assertFalse(f.direct(), "direct I/O only for a big output, and only where allowed");
            }
            f.commit();
        }
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertEquals(List.of(target), files(), "no temporary file left behind");
    }

    @ParameterizedTest(name = "{0} bytes, direct I/O allowed: {1}")
    @MethodSource("sizes")
    void anAbortedOutputLeavesNothing(long size, boolean allowDirect) throws Exception {
        Path target = dir.resolve("out.277");
        try (AtomicOutput f = new AtomicOutput(target, allowDirect)) {
            writePattern(f.stream(), size);
            f.abort(); // possibly while a background force is still running
        }
        assertTrue(files().isEmpty(), "neither the output nor its temporary file: " + files());
    }

    /**
     * Outputs committed together, of every size and path at once, all arrive whole, and none is under its name
     * before commitAll has forced every one of them.
     */
    @org.junit.jupiter.api.Test
    void outputsCommittedTogetherAllArriveWhole() throws Exception {
        int c = AtomicOutput.CHUNK;
        long[] sizes = {0, 17, c + 1, 3L * c + 12_345, AtomicOutput.WRITEBACK_EVERY + 70_001};
        List<AtomicOutput> outputs = new java.util.ArrayList<>();
        List<byte[]> expected = new java.util.ArrayList<>();
        List<Path> targets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < sizes.length; i++) {
                Path target = dir.resolve("out-" + i + ".txt");
                AtomicOutput f = new AtomicOutput(target, i % 2 == 0);
                outputs.add(f);
                targets.add(target);
                expected.add(writePattern(f.stream(), sizes[i]));
            }
            for (Path t : targets) {
                assertFalse(Files.exists(t), "nothing under a final name before the commit");
            }
            AtomicOutput.commitAll(outputs);
        } finally {
            outputs.forEach(AtomicOutput::abort); // after a commit, nothing to do
        }
        for (int i = 0; i < sizes.length; i++) {
            assertArrayEquals(expected.get(i), Files.readAllBytes(targets.get(i)), targets.get(i).toString());
        }
        assertEquals(new java.util.HashSet<>(targets), new java.util.HashSet<>(files()),
                "every output, and no temporary file left behind");
    }
}
