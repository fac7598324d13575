package io.toothcomb.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toothcomb.api.Toothcomb;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface: the module descriptor exports the API, the rule SPI and what a rule reads, nothing else; and
 * no public or protected signature of an exported package names a type of a package that is not exported (a
 * module-path user could not use it, a class-path user would come to depend on an internal type).
 */
class ApiSurfaceTest {
    static final Set<String> EXPORTED = Set.of("io.toothcomb.api", "io.toothcomb.rules", "io.toothcomb.model",
            "io.toothcomb.codes");

    @Test
    void theModuleExportsTheApiAndTheSpiOnly() throws Exception {
        ModuleDescriptor d = descriptor();
        assertEquals("io.toothcomb", d.name());
        Set<String> exports = d.exports().stream().peek(e -> assertTrue(e.targets().isEmpty(), "qualified: " + e))
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPORTED), exports);
        assertTrue(d.uses().contains("io.toothcomb.rules.Rule"), "plugin rules are found with ServiceLoader");
    }

    @Test
    void exportedSignaturesNameOnlyExportedTypes() throws Exception {
        List<String> probe = new ArrayList<>();
        check("probe", ApiSurfaceTest.class.getDeclaredMethod("classes").getGenericReturnType(), probe);
        check("probe", io.toothcomb.result.ScrubSummary.class, probe);
        assertEquals(List.of("probe io.toothcomb.result.ScrubSummary"), probe, "the check sees an internal type");

        List<String> leaks = new ArrayList<>();
        int exportedPublic = 0;
        for (Class<?> c : classes()) {
            if (!EXPORTED.contains(c.getPackageName()) || !visible(c)) {
                continue;
            }
            exportedPublic++;
            check(c + " extends", c.getGenericSuperclass(), leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(c + " implements", t, leaks);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f)) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    signature(c.getName() + ".<init>", k, leaks);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                    signature(c.getName() + "." + m.getName(), m, leaks);
                    check(c.getName() + "." + m.getName() + " returns", m.getGenericReturnType(), leaks);
                }
            }
        }
        assertEquals(List.of(), leaks, "internal types in exported signatures");
        long allPublic = classes().stream().filter(ApiSurfaceTest::visible).count();
        System.out.println("public types: " + exportedPublic + " in the exported packages, " + allPublic
                + " in all (" + classes().size() + " types in all)");
        assertTrue(exportedPublic > 20 && exportedPublic < allPublic, exportedPublic + " of " + allPublic);
    }

    /** The javadoc tool runs clean (doclint, comments not required) on the exported packages. */
    @Test
    void theExportedPackagesJavadocIsClean() throws Exception {
        Path classes = Path.of(Toothcomb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> args = new ArrayList<>(List.of("-quiet", "-Xdoclint:all,-missing", "-Werror",
                "-d", classes.getParent().resolve("apidocs").toString(), "-classpath", classes.toString()));
        for (String pkg : new TreeSet<>(EXPORTED)) {
            try (Stream<Path> s = Files.list(Path.of("src/main/java", pkg.split("\\.")))) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> args.add(p.toString()));
            }
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter w = new java.io.PrintWriter(out);
        int rc = java.util.spi.ToolProvider.findFirst("javadoc").orElseThrow().run(w, w, args.toArray(String[]::new));
        w.flush();
        assertEquals(0, rc, out.toString());
        assertEquals("", out.toString().strip(), "javadoc printed warnings");
    }

    private static void signature(String where, Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            check(where + " takes", t, leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(where + " throws", t, leaks);
        }
    }

    private static void check(String where, Type t, List<String> leaks) {
        if (t == null) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getPackageName().startsWith("io.toothcomb") && !EXPORTED.contains(c.getPackageName())) {
                leaks.add(where + " " + c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, leaks);
            }
        } else if (t instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, leaks);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, leaks);
            }
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (b != Object.class) {
                    check(where, b, leaks);
                }
            }
        }
    }

    /** A type a user of the package sees: public, and, when nested, in a type the user sees. */
    static boolean visible(Class<?> c) {
        if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            boolean nestedProtected = k.getDeclaringClass() != null && Modifier.isProtected(k.getModifiers());
            if (!Modifier.isPublic(k.getModifiers()) && !nestedProtected) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        return Modifier.isPublic(mod) || (Modifier.isProtected(mod)
                && !Modifier.isFinal(m.getDeclaringClass().getModifiers()));
    }

    /** Every class of the main code, from the class files beside Toothcomb's. */
    static List<Class<?>> classes() throws Exception {
        Path root = Path.of(Toothcomb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("io/toothcomb"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(p).toString().replace('\\', '/').replace('/', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.startsWith("io.toothcomb.smooks.")) {
                    continue; // the Smooks classes need Smooks to load; the package is not exported either
                }
                out.add(Class.forName(name, false, Toothcomb.class.getClassLoader()));
            }
        }
        return out;
    }

    private static ModuleDescriptor descriptor() throws Exception {
        Path root = Path.of(Toothcomb.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }
}
