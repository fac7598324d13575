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
    void largestEdiSample() throws Exception {
        Path largest;
        try (Stream<Path> s = Files.list(Path.of("edi-samples"))) {
            largest = s.filter(p -> p.toString().endsWith(".edi") && !p.getFileName().toString().startsWith("broken"))
                    .max(Comparator.comparingLong(SmooksThroughputTest::size)).orElseThrow();
        }
        measure("largest edi-sample " + largest.getFileName(), largest, 3_000);
    }

    @Test
    void syntheticBatchOfTwoThousandClaims() throws Exception {
        // One interchange, one transaction, 2,000 subscriber claims with two lines each.
        String[] parts = SmooksX12Test.x12('*', ':', '^', "~\n").split("(?=HL\\*2\\*1\\*22\\*0~)|(?=SE\\*20)");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 0; i < 2_000; i++) {
            sb.append(parts[1].replace("C-100", "C-" + i));
        }
        sb.append(parts[2]);
        Path f = tmp.resolve("synthetic-2000.edi");
        Files.writeString(f, sb, StandardCharsets.ISO_8859_1);
        int claims = measure("synthetic 2,000 claims", f, 0);
        assertEquals(2_000, claims);
    }

    /** Streams {@code file} until {@code millis} have passed (at least twice after one warm-up); returns claims per pass. */
    private static int measure(String label, Path file, long millis) throws IOException, SmooksX12Exception {
        AtomicInteger claims = new AtomicInteger();
        ToothcombSmooks.claims(file, c -> claims.incrementAndGet()); // warm-up, compiles the mapping if needed
        int perPass = claims.get();
        assertTrue(perPass > 0, label + ": no claims");
        long bytes = Files.size(file);
        int passes = 0;
        long start = System.nanoTime();
        do {
            claims.set(0);
            ToothcombSmooks.claims(file, c -> claims.incrementAndGet());
            assertEquals(perPass, claims.get());
            passes++;
        } while (passes < 2 || System.nanoTime() - start < millis * 1_000_000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        long domStart = System.nanoTime();
        List<?> docs = SmooksX12.parse(file, MappingKind.CLAIM_837D);
        double domSeconds = (System.nanoTime() - domStart) / 1e9;
        assertTrue(!docs.isEmpty());
        System.out.printf("SMOOKS-THROUGHPUT %s: %,d bytes, %d claims; streamed %.2f MB/s (%,.0f claims/s) over %d"
                        + " passes; one DOM parse %.2f MB/s%n", label, bytes, perPass,
                bytes * passes / seconds / 1e6, perPass * passes / seconds, passes, bytes / domSeconds / 1e6);
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
