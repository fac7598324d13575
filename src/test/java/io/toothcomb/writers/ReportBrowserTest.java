package io.toothcomb.writers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.toothcomb.generate.SyntheticBatch;
import io.toothcomb.result.Output;
import io.toothcomb.result.ScrubOptions;
import io.toothcomb.rules.engine.RuleEngine;
import io.toothcomb.scrub.Scrubber;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NAME.report.html in a real browser: headless Chromium (Debian's {@code chromium} package, which .ci/run installs)
 * opens the page from disk, its script runs, and the DOM it leaves shows the counts and the claims the filters
 * pick. The filters are driven by the URL fragment the script reads. A screenshot is kept under
 * {@code target/browser/}. Skipped, saying so, when no chromium is installed.
 */
@Tag("browser")
class ReportBrowserTest {
    static final Path SHOTS = Path.of("target/browser");
    private static String chromium;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void findChromium() {
        chromium = find();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium; .ci/run does): "
                + "the report's browser tests are skipped");
    }

    static String find() {
        String env = System.getenv("TOOTHCOMB_CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private static Path report(Path input) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out-" + input.getFileName()));
        new Scrubber(RuleEngine.load(null), ScrubOptions.defaults().withOutputs(
                EnumSet.of(Output.REPORT_HTML, Output.FINDINGS_JSON))).scrub(input, out);
        return out.resolve(Output.REPORT_HTML.fileName(input.getFileName().toString()));
    }

    /** Runs headless Chromium on the page; returns what it printed on stdout (the DOM with --dump-dom). */
    static String chromium(Path page, String fragment, String... mode) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(mode));
        cmd.add(page.toUri() + fragment);
        Path stdout = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertEquals(0, p.exitValue(), "chromium's exit code");
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String dom(Path page, String fragment) throws Exception {
        String dom = chromium(page, fragment, "--dump-dom");
        assertTrue(dom.contains("data-rendered=\"yes\""), "the script ran to its end: " + head(dom));
        return dom;
    }

    private static String head(String s) {
        return s.substring(0, Math.min(400, s.length()));
    }

    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(m.find(), "no #" + id + " in the page");
        return m.group(1);
    }

    private static List<String> claimsShown(String dom) {
        return Pattern.compile("<article class=\"claim\" data-claim=\"([^\"]*)\"").matcher(dom).results()
                .map(r -> r.group(1)).toList();
    }

    /** Claim ids of findings.json with the given status, or with a finding of the given severity. */
    private static List<String> fromJson(Path page, String pattern) throws IOException {
        String name = page.getFileName().toString().replace(".report.html", ".findings.json");
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(page.resolveSibling(name))) {
            Matcher m = Pattern.compile("^\\{\"id\":\"([^\"]*)\"").matcher(line);
            if (m.find() && Pattern.compile(pattern).matcher(line).find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void showsTheRejectedClaimsAndFiltersBySeverityAndText() throws Exception {
        Path page = report(Path.of("edi-samples/defect-sdf-medicaid.edi"));
        String dom = dom(page, "");
        assertEquals("6", text(dom, "tc-total-claims"));
        assertEquals("4", text(dom, "tc-total-rejected"));
        List<String> rejected = fromJson(page, "\"status\":\"rejected\"");
        assertEquals(4, rejected.size());
        assertEquals(String.valueOf(rejected.size()), text(dom, "tc-shown"), "the default view: rejected claims");
        assertEquals(rejected, claimsShown(dom));
        assertTrue(dom.contains("class=\"finding\""), "the findings of each claim are listed");

        // filter by severity: the claims with a warning, accepted or not
        String warn = dom(page, "#status=all&sev=warning");
        List<String> withWarnings = fromJson(page, "\"severity\":\"warning\"");
        assertEquals(2, withWarnings.size());
        assertEquals(withWarnings, claimsShown(warn));
        assertEquals(String.valueOf(withWarnings.size()), text(warn, "tc-shown"));

        // text search for one claim id
        String one = dom(page, "#q=" + rejected.get(1));
        assertEquals(List.of(rejected.get(1)), claimsShown(one));
    }

    /** A batch of a thousand claims: pages of 50, and a rule filter; a screenshot of the first page is kept. */
    @Test
    void pagesAndRuleFilterOnABatch() throws Exception {
        Path batch = tmp.resolve("batch.edi");
        SyntheticBatch.write(4000, 11, new SyntheticBatch.Options(1000, 0.3), batch);
        Path page = report(batch);
        List<String> rejected = fromJson(page, "\"status\":\"rejected\"");
        assertTrue(rejected.size() > 100, "enough rejected claims for three pages: " + rejected.size());
        String second = dom(page, "#page=2");
        assertEquals(String.valueOf(rejected.size()), text(second, "tc-shown"));
        assertEquals(rejected.subList(50, 100), claimsShown(second), "page 2 holds rejected claims 51 to 100");
        assertTrue(text(second, "tc-page-info").startsWith("claims 51\u2013100 of " + rejected.size()),
                text(second, "tc-page-info"));

        String rule = "D1354-PER-TOOTH";
        List<String> byRule = fromJson(page, "\"rule\":\"" + rule + "\",\"severity\":\"error\"");
        assertTrue(!byRule.isEmpty(), "the batch has " + rule + " errors");
        String filtered = dom(page, "#rule=" + rule);
        assertEquals(String.valueOf(byRule.size()), text(filtered, "tc-shown"));
        assertEquals(byRule.subList(0, Math.min(50, byRule.size())), claimsShown(filtered));

        Files.createDirectories(SHOTS);
        Path shot = SHOTS.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium(page, "", "--window-size=1280,1600", "--hide-scrollbars", "--screenshot=" + shot);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the page at " + shot);
    }
}
