package io.toothcomb.rules;

import io.toothcomb.rules.engine.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.loader.ClaimLoader;
import io.toothcomb.loader.ClaimUnit;
import io.toothcomb.loader.LoadHandler;
import io.toothcomb.model.Claim;
import io.toothcomb.model.Party;
import io.toothcomb.model.Subscriber;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulePackTest {

    private static RulePack parse(String text) throws IOException {
        return RulePack.parse(new StringReader(text), "broken.pack", RuleRegistry.bundled());
    }

    /** A broken pack fails when it is loaded, naming the file and the line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown keyword      | pack x\\n# comment\\nrules TOOTH-VALID                 | 3 | unknown keyword 'rules'",
        "unknown rule         | pack x\\n\\nrule TOOTH-VALID\\nrule NO-SUCH-RULE      | 4 | unknown rule 'NO-SUCH-RULE'",
        "bad severity         | pack x\\nrule TOOTH-VALID severity=fatal               | 2 | unknown severity 'fatal'",
        "parameter not k=v    | pack x\\nrule PATIENT-AGE max                         | 2 | 'max' is not key=value",
        "empty parameter      | pack x\\nrule PATIENT-AGE max=                        | 2 | 'max=' is not key=value",
        "unknown match key    | pack x\\nmatch state=NY                               | 2 | unknown match key 'state'",
        "empty match          | pack x\\nmatch                                        | 2 | 'match' needs",
        "disable unknown rule | pack x\\ndisable TOOTH-VALIDD                         | 2 | unknown rule 'TOOTH-VALIDD'",
        "no pack line         | rule TOOTH-VALID\\n                                   | 2 | no 'pack NAME' line",
        "word for a number    | pack x\\nrule PATIENT-AGE max=twenty codez=D1354     | 2 | max=twenty is not a whole number",
        "unknown parameter    | pack x\\nrule PATIENT-AGE codez=D1354                | 2 | has no parameter 'codez'",
        "number out of range  | pack x\\nrule TEETH-PER-VISIT max=0                  | 2 | max=0 is outside 1..32",
        "not a code           | pack x\\nrule D1354-PER-TOOTH codes=D1354,1354      | 2 | '1354', which is not a CDT code",
        "parameter, none kept | pack x\\nrule TOOTH-VALID teeth=3                    | 2 | takes none besides severity",
        "bad tooth range      | pack x\\nrule TOOTH-ALLOWED teeth=T-A                | 2 | 'T-A', which is not a tooth",
        "surface not a letter | pack x\\nrule SURFACE-TOOTH anteriorOnly=I,X         | 2 | 'X', which is not a surface",
    })
    void brokenPackNamesFileAndLine(String what, String text, int line, String message) {
        RulePack.PackException e = assertThrows(RulePack.PackException.class,
                () -> parse(text.strip().replace("\\n", "\n") + "\n"));
        assertTrue(e.getMessage().startsWith("broken.pack:" + line + ": "), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @Test
    void extendingAnUnknownPackFailsNamingTheFile() throws IOException {
        RulePack p = parse("pack child\nextends nowhere\nrule TOOTH-VALID\n");
        RulePack.PackException e = assertThrows(RulePack.PackException.class,
                () -> p.resolve(java.util.Map.of("child", p)));
        assertTrue(e.getMessage().contains("broken.pack") && e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void bundledPacksLoad() throws IOException {
        RuleEngine engine = RuleEngine.load(null);
        assertEquals(Set.of("default", "medicaid", "commercial"), engine.packs().keySet());
        assertEquals("default", engine.packs().get("medicaid").parent());
        assertEquals("default", engine.packs().get("commercial").parent());
    }

    /** Medicaid and commercial keep every default rule and add their own. */
    @Test
    void childPacksInheritTheDefaultRules() throws IOException {
        RuleEngine engine = RuleEngine.load(null);
        Set<String> def = ids(engine, "default");
        Set<String> medicaid = ids(engine, "medicaid");
        Set<String> commercial = ids(engine, "commercial");
        assertTrue(medicaid.containsAll(def), "medicaid lost default rules");
        assertTrue(commercial.containsAll(def), "commercial lost default rules");
        assertTrue(medicaid.contains("PATIENT-AGE") && !def.contains("PATIENT-AGE"));
        assertTrue(commercial.contains("SAME-TOOTH-EXCLUSIVE") && !def.contains("SAME-TOOTH-EXCLUSIVE"));
    }

    private static Set<String> ids(RuleEngine engine, String pack) {
        return engine.packs().get(pack).resolve(engine.packs()).stream().map(RulePack.RuleConfig::id)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "SBR09 ''{0}'' -> {1}")
    @CsvSource({"MC, medicaid", "CI, commercial", "BL, commercial", "17, commercial", "ZZ, default", "'', default"})
    void packIsPickedByFilingIndicator(String filing, String pack) throws IOException {
        RuleEngine engine = RuleEngine.load(null);
        assertEquals(pack, engine.packFor(claim(filing, "ANYPAYER")).name());
    }

    @Test
    void payerIdWinsOverFilingIndicator(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("acme.pack"), "pack acme\nextends commercial\nmatch payer=ACME1\n");
        RuleEngine engine = RuleEngine.load(dir);
        assertEquals("acme", engine.packFor(claim("MC", "ACME1")).name());
        assertEquals("medicaid", engine.packFor(claim("MC", "OTHER")).name());
    }

    /** End to end: an adult's SDF is rejected under the Medicaid pack (age 0-20) and not under the commercial one. */
    @Test
    void bundledPacksApplyTheirLimits(@TempDir Path dir) throws IOException {
        String body = "CLM*PK001*90***11:B:1*Y*A*Y*Y~\nDTP*472*D8*20250408~\nNTE*ADD*SDF ON ACTIVE LESION 3~\n"
                + "LX*1~\nSV3*AD:D1354*90****1~\nTOO*JP*3~\n";
        RuleEngine engine = RuleEngine.load(null);
        List<String> medicaid = rules(engine, dir, "#! filing=MC dob=19900301\n" + body);
        List<String> commercial = rules(engine, dir, "#! filing=CI dob=19900301\n" + body);
        assertEquals(List.of("PATIENT-AGE"), medicaid);
        assertEquals(List.of(), commercial);
    }

    private static List<String> rules(RuleEngine engine, Path dir, String fixture) throws IOException {
        Path f = Files.createTempFile(dir, "pack", ".claim");
        Files.writeString(f, fixture);
        String x12 = FixtureFile.read(f).toX12();
        List<String> out = new ArrayList<>();
        ClaimLoader.load(new ByteArrayInputStream(x12.getBytes(StandardCharsets.UTF_8)), f.toString(),
                new LoadHandler() {
                    @Override
                    public void claim(ClaimUnit unit) {
                        engine.check(unit.claim()).forEach(fd -> out.add(fd.rule()));
                    }
                });
        return out;
    }

    /** Every number a bundled pack sets cites its source in a comment on the line or just above it. */
    @Test
    void everyNumberInABundledPackCitesItsSource() throws IOException {
        List<String> uncited = new ArrayList<>();
        for (String name : RuleEngine.BUNDLED_PACKS) {
            try (InputStream in = RulePackTest.class.getResourceAsStream("/io/toothcomb/packs/" + name + ".pack")) {
                List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).strip();
                    if (!l.startsWith("rule ") || !l.matches(".*=[^ ]*\\d.*")) {
                        continue;
                    }
                    boolean cited = l.contains("#") || (i > 0 && lines.get(i - 1).strip().startsWith("#"));
                    if (!cited) {
                        uncited.add(name + ".pack:" + (i + 1) + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), uncited);
    }

    /** Each declared default is a value its own type accepts, and each bundled pack line passed the same check. */
    @Test
    void everyDeclaredDefaultIsAValidValue() {
        List<String> bad = new ArrayList<>();
        for (Class<? extends Rule> type : RuleRegistry.bundled().rules().values()) {
            RuleInfo info = RuleRegistry.info(type);
            for (Param p : info.params()) {
                if (!p.defaultValue().isEmpty() && ParamType.check(info, p.name(), p.defaultValue()) != null) {
                    bad.add(info.id() + " " + p.name() + "=" + p.defaultValue());
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    /** The engine refuses a bad parameter that did not come through a pack file (embedding, fixtures). */
    @Test
    void theEngineRefusesABadParameterToo() {
        RulePack p = new RulePack("x", null, Set.of(), Set.of(), java.util.Map.of("PATIENT-AGE",
                new RulePack.RuleConfig("PATIENT-AGE", null, java.util.Map.of("max", "twenty"), 7)), Set.of(), "",
                "embedded.pack");
        RulePack.PackException e = assertThrows(RulePack.PackException.class,
                () -> new RuleEngine(java.util.Map.of("x", p), RuleRegistry.bundled(),
                        io.toothcomb.codes.CodeSet.bundled()));
        assertTrue(e.getMessage().startsWith("embedded.pack:7: rule PATIENT-AGE: max=twenty"), e.getMessage());
    }

    private static Claim claim(String filing, String payer) {
        Subscriber sub = new Subscriber("2", "P", "18", "GRP", filing, Party.NONE, "", null, "", true, 1);
        return new Claim("C1", null, "11", "1", null, List.of(), List.of(), List.of(), List.of(), "", "", List.of(),
                null, null, sub, null, new io.toothcomb.model.Payer("PAYER", "PI", payer, 1), 1, 1,
                List.of());
    }
}
