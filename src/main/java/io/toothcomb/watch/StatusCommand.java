package io.toothcomb.watch;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code toothcomb status <inbox>}: for health checks. Reads the heartbeat each watcher of the inbox writes every
 * few seconds ({@code processing/<id>/.status}) and says whether it is running.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Say whether the watchers of an inbox are running, from the heartbeat each writes every "
                + Watcher.HEARTBEAT_MS / 1000 + " s into processing/<id>/.status: one line per watcher with its "
                + "state, process id, host, files finished and in flight."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:a watcher (the one named by --id, if given) is running: heartbeat fresh",
            "1:none is running: stopped, or its heartbeat is stale (killed, hung)",
            "2:usage error"})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<inbox>", description = "the watched folder")
    Path inbox;

    @Option(names = "--processing", paramLabel = "<folder>",
            description = "the watchers' claim folder, if not processing/ beside the inbox")
    Path processing;

    @Option(names = "--id", paramLabel = "<name>", description = "only this watcher")
    String id;

    @Override
    public Integer call() throws IOException {
        Path dir = processing != null ? processing : WatchConfig.beside(inbox).resolve("processing");
        List<Path> beats = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(d -> id == null || d.getFileName().toString().equals(id))
                        .map(d -> d.resolve(".status")).filter(Files::isRegularFile).sorted().forEach(beats::add);
            }
        }
        if (beats.isEmpty()) {
            System.out.println("no watcher " + (id == null ? "" : "'" + id + "' ") + "has run on " + inbox
                    + " (no heartbeat in " + dir + ")");
            return 1;
        }
        int running = 0;
        long now = System.currentTimeMillis();
        for (Path b : beats) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(b)) {
                p.load(r);
            }
            long updated = Long.parseLong(p.getProperty("updatedMillis", "0"));
            long every = Long.parseLong(p.getProperty("heartbeatMillis", String.valueOf(Watcher.HEARTBEAT_MS)));
            String state = p.getProperty("state", "?");
            boolean fresh = now - updated <= 3 * every;
            boolean alive = "running".equals(state) && fresh;
            String says = alive ? "running" : "running".equals(state) ? "NOT RUNNING (heartbeat stale: killed or hung)"
                    : state;
            running += alive ? 1 : 0;
            System.out.println(p.getProperty("id", b.getParent().getFileName().toString()) + ": " + says + "; pid "
                    + p.getProperty("pid") + " on " + p.getProperty("host") + ", started " + p.getProperty("started")
                    + ", last heartbeat " + Duration.ofMillis(Math.max(0, now - updated)).toSeconds() + " s ago; "
                    + p.getProperty("finished") + " file(s) finished, " + p.getProperty("inFlight") + " in flight");
        }
        return running > 0 ? 0 : 1;
    }
}
