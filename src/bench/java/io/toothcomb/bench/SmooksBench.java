package io.toothcomb.bench;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.smooks.MappingKind;
import io.toothcomb.smooks.SmooksX12;
import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.api.resource.visitor.sax.ng.AfterVisitor;
import org.smooks.io.source.StreamSource;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./bench smooks [claims] [--passes N]}: Smooks reading one synthetic 837D file (one interchange, seed 7)
 * with {@code <toothcomb:reader/>} against Smooks with the DFDL mapping ({@code dfdl:parser}, as the EDI cartridge
 * runs it), each in a fresh child JVM with -Xmx512m; both count the claims with the same visitor on Loop2300.
 * Prints claims/s (after a warm-up pass, the median of the passes) and the peak heap used. Replaces
 * SmooksThroughputTest, which measured this inside {@code mvn verify}.
 */
public final class SmooksBench {
    private SmooksBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int claims = 2_000;
        int passes = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--passes")) {
                passes = Integer.parseInt(args[++i]);
            } else {
                claims = Math.toIntExact(Bench.parseCount(args[i]));
            }
        }
        Path dir = Path.of("target/bench");
        Files.createDirectories(dir);
        Path file = dir.resolve("smooks-" + claims + "-seed7.edi");
        if (!Files.isRegularFile(file)) {
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                // one transaction set for the whole file: the DFDL mapping reads one interchange per parse
                SyntheticBatch.write(claims, 7, new SyntheticBatch.Options(claims, SyntheticBatch.DEFAULT_DEFECT_RATE),
                        out);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("Smooks 2 on %s (%,d claims, %.1f MB), %d passes after a warm-up, child JVMs -Xmx512m%n",
                file, claims, Files.size(file) / 1e6, passes);
        System.out.printf("%-34s %12s %12s %14s %10s%n", "reader", "claims/s", "MB/s", "peak heap MB", "claims");
        for (String tool : List.of("toothcomb", "dfdl")) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), SmooksBench.class.getName(), "--child",
                    tool, file.toString(), String.valueOf(passes)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            String label = tool.equals("toothcomb") ? "toothcomb:reader" : "dfdl:parser (EDI cartridge, 837D)";
            if (rc != 0 || out.isEmpty()) {
                System.out.printf("%-34s failed (exit %d)%n", label, rc);
                continue;
            }
            String[] f = out.split(" ");
            double seconds = Double.parseDouble(f[0]);
            long counted = Long.parseLong(f[1]);
            long peak = Long.parseLong(f[2]);
            System.out.printf("%-34s %,12.0f %12.2f %14.1f %,10d%n", label, counted / seconds,
                    Files.size(file) / seconds / 1e6, peak / 1e6, counted);
        }
    }

    /** One tool in this JVM: a warm-up pass, then {@code passes} timed ones; prints "median-seconds claims peak". */
    private static void child(String tool, Path file, int passes) throws Exception {
        AtomicLong claims = new AtomicLong();
        Smooks smooks = tool.equals("toothcomb") ? new Smooks(new ByteArrayInputStream("""
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                      xmlns:toothcomb="https://toothcomb.io/xsd/smooks/toothcomb-1.0.xsd">
                    <toothcomb:reader/>
                </smooks-resource-list>
                """.getBytes(StandardCharsets.UTF_8))) : SmooksX12.newSmooks(MappingKind.CLAIM_837D);
        smooks.addVisitor((AfterVisitor) (Element e, ExecutionContext ec) -> claims.incrementAndGet(), "Loop2300");
        run(smooks, file);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        double[] times = new double[passes];
        for (int i = 0; i < passes; i++) {
            claims.set(0);
            long t = System.nanoTime();
            run(smooks, file);
            times[i] = (System.nanoTime() - t) / 1e9;
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        java.util.Arrays.sort(times);
        System.out.println(times[passes / 2] + " " + claims.get() + " " + peak);
        smooks.close();
    }

    private static void run(Smooks smooks, Path file) throws Exception {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            smooks.filterSource(smooks.createExecutionContext(), new StreamSource<>(in));
        }
    }
}
