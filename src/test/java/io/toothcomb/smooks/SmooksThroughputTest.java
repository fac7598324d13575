package io.toothcomb.smooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the Smooks 837D mapping (warm, one thread) and prints one line per measurement:
 * {@code SMOOKS-THROUGHPUT ...}. The numbers go into mappings/README.md.
 */
class SmooksThroughputTest {
    @TempDir
    Path tmp;

    @Test
    void largestEdiSampleAndASyntheticBatch() throws Exception {
        Path largest;
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            largest = s.filter(p -> p.toString().endsWith(".edi") && !p.getFileName().toString().startsWith("broken"))
                    .max(Comparator.comparingLong(SmooksThroughputTest::size)).orElseThrow();
        }
        // Warm up the JIT on the small file first: a cold JVM is 3-8 times slower than these numbers.
        measure("warm-up", largest, 2_000, false);
        measure("largest edi-sample " + largest.getFileName(), largest, 3_000, true);

        // One interchange, one transaction, 1,000 subscriber claims with two lines each (about 250 KB).
        String[] parts = SmooksX12Test.x12('*', ':', '^', "~\n").split("(?=HL\\*2\\*1\\*22\\*0~)|(?=SE\\*20)");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 0; i < 1_000; i++) {
            sb.append(parts[1].replace("C-100", "C-" + i));
        }
        sb.append(parts[2]);
        Path f = tmp.resolve("synthetic-1000.edi");
        Files.writeString(f, sb, StandardCharsets.ISO_8859_1);
        assertEquals(1_000, measure("synthetic 1,000 claims", f, 0, true));
    }

    /**
     * Streams {@code file} until {@code millis} have passed (at least once); returns claims per pass. Prints the
     * streamed rate and, when {@code dom}, the rate of one DOM parse.
     */
    private static int measure(String label, Path file, long millis, boolean dom) throws IOException, SmooksX12Exception {
        AtomicInteger claims = new AtomicInteger();
        long bytes = Files.size(file);
        int perPass = -1;
        int passes = 0;
        long start = System.nanoTime();
        do {
            claims.set(0);
            ToothcombSmooks.claims(file, c -> claims.incrementAndGet());
            if (perPass < 0) {
                perPass = claims.get();
                assertTrue(perPass > 0, label + ": no claims");
            }
            assertEquals(perPass, claims.get(), label + ": claims per pass");
            passes++;
        } while (System.nanoTime() - start < millis * 1_000_000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        String domRate = "";
        if (dom) {
            long domStart = System.nanoTime();
            List<?> docs = SmooksX12.parse(file, MappingKind.CLAIM_837D);
            assertTrue(!docs.isEmpty());
            domRate = String.format("; DOM parse %.2f MB/s", bytes / ((System.nanoTime() - domStart) / 1e9) / 1e6);
        }
        System.out.printf("SMOOKS-THROUGHPUT %s: %,d bytes, %d claims; streamed %.2f MB/s (%,.0f claims/s, %d passes)%s%n",
                label, bytes, perPass, bytes * passes / seconds / 1e6, perPass * passes / seconds, passes, domRate);
        return perPass;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
