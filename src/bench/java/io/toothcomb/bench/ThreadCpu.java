package io.toothcomb.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU of the timed runs goes, by thread: a daemon polls every thread's CPU time every 10 ms and
 * keeps the last value it saw per thread (the scrub's threads live for one run, so a thread's last 10 ms can be
 * missed). Threads are grouped by name: the calling thread as {@code main}, {@code toothcomb-xml} as {@code xml}
 * and so on; the JVM's own threads (JIT compilers, GC) are not Java threads and are reported together as the
 * process's CPU time less the rest.
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> baseline = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long callerId = Thread.currentThread().getId();
    private final long process0;
    private final Thread poller;
    private volatile boolean stop;

    ThreadCpu() {
        poll(baseline);
        process0 = os.getProcessCpuTime();
        poller = new Thread(() -> {
            while (!stop) {
                synchronized (this) {
                    poll(last);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-cpu-poller");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll(Map<Long, Long> into) {
        for (ThreadInfo ti : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(ti.getThreadId());
            if (cpu >= 0) {
                into.put(ti.getThreadId(), cpu);
                names.put(ti.getThreadId(), ti.getThreadName());
            }
        }
    }

    /**
     * Stops polling and returns CPU seconds per run by group, as {@code process:6.31,main:1.72,...,other:0.14}
     * (no spaces, for the RESULT line).
     */
    synchronized String stop(int runs) throws InterruptedException {
        poll(last);
        long process = os.getProcessCpuTime() - process0;
        stop = true;
        poller.interrupt();
        Map<String, Long> groups = new TreeMap<>();
        long sum = 0;
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            String name = names.get(e.getKey());
            if (name.equals("bench-cpu-poller")) {
                continue;
            }
            long cpu = e.getValue() - baseline.getOrDefault(e.getKey(), 0L);
            if (cpu <= 0) {
                continue;
            }
            String group = e.getKey() == callerId ? "main" : name.startsWith("toothcomb-") ? name.substring(10) : "other";
            groups.merge(group, cpu, Long::sum);
            sum += cpu;
        }
        groups.merge("other", Math.max(0, process - sum), Long::sum);
        Map<String, Long> ordered = new LinkedHashMap<>();
        ordered.put("process", process);
        if (groups.containsKey("main")) {
            ordered.put("main", groups.remove("main"));
        }
        long other = groups.remove("other");
        ordered.putAll(groups);
        ordered.put("other", other);
        StringBuilder sb = new StringBuilder();
        ordered.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append(':')
                .append(String.format(Locale.ROOT, "%.2f", v / 1e9 / runs)));
        return sb.toString();
    }

    /** {@code process:6.31,main:1.72,other:0.14} as "6.31 s = main 1.72 + other (JIT, GC, VM) 0.14". */
    static String describe(String cpu) {
        Map<String, String> parts = parts(cpu);
        if (parts == null) {
            return cpu;
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            String k = part.getKey();
            String v = part.getValue();
            if (k.equals("process")) {
                sb.append(v).append(" s =");
            } else {
                sb.append(sb.toString().endsWith("=") ? " " : " + ").append(k.equals("other") ? "JIT, GC and VM" : k)
                        .append(' ').append(v);
            }
        }
        return sb.toString();
    }

    /**
     * The CPU seconds in such a string of the parts whose names start with {@code prefix}, summed ("set-": the
     * set workers); 0 when none, or when the string is not one.
     */
    static double seconds(String cpu, String prefix) {
        Map<String, String> parts = parts(cpu);
        double sum = 0;
        if (parts != null) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                if (part.getKey().startsWith(prefix)) {
                    try {
                        sum += Double.parseDouble(part.getValue());
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
        }
        return sum;
    }

    /** The parts of such a string in order, name to seconds as written; null when one is not "name:seconds". */
    private static Map<String, String> parts(String cpu) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (cpu.isEmpty()) {
            return parts;
        }
        for (String part : cpu.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                return null;
            }
            parts.put(part.substring(0, colon), part.substring(colon + 1));
        }
        return parts;
    }
}
