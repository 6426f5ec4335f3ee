package io.github.miaj.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between packages run one way, as docs/architecture.md ("Layers") draws them: every reference from
 * product code (imports and fully qualified names in the main sources of every module) must go to the package
 * itself or to one its layer allows. A plain test over the sources, so it needs no bytecode library.
 */
class PackageLayersTest {
    private static final String ROOT = "io.github.miaj";
    /** The exception family lives in the root package and is below everything; {@code Mia} is above everything. */
    private static final String ERRORS = "(errors)";

    private static final String FACADE = "(facade)";

    /** Package (relative to io.github.miaj) to the packages it may use, besides itself and {@link #ERRORS}. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("text", Set.of()),
            Map.entry("io", Set.of()),
            Map.entry("learn", Set.of()),
            Map.entry("attention", Set.of("text")),
            Map.entry("feature", Set.of("attention", "text")),
            Map.entry("significance", Set.of("feature", "text", "io")),
            Map.entry("gold", Set.of("text", "io")),
            Map.entry("model", Set.of("attention", "feature", "text", "io")),
            Map.entry("spi", Set.of("attention", "model")),
            Map.entry(
                    "detect",
                    Set.of("significance", "attention", "feature", "gold", "model", "learn", "spi", "text", "io")),
            Map.entry("data", Set.of("gold", "text", "io")),
            Map.entry("eval", Set.of("significance", "attention", "feature", "gold", "model", "detect", "text", "io")),
            Map.entry("eval.baseline", Set.of("eval", "gold", "model", "detect", "text")),
            Map.entry(
                    "train",
                    Set.of(
                            "significance",
                            "attention",
                            "feature",
                            "gold",
                            "model",
                            "detect",
                            "eval",
                            "learn",
                            "text",
                            "io")),
            Map.entry(
                    FACADE,
                    Set.of(
                            "significance",
                            "attention",
                            "feature",
                            "gold",
                            "model",
                            "detect",
                            "eval",
                            "train",
                            "spi",
                            "text",
                            "io",
                            "learn")),
            Map.entry("onnx", Set.of("onnx.graph", "onnx.tokenizer", "attention", "model", "spi", "text", "io")),
            Map.entry("onnx.graph", Set.of("io")),
            Map.entry("onnx.tokenizer", Set.of("io")),
            // mia-spark runs the product on a cluster: it may use any of it, nothing in it uses spark
            Map.entry(
                    "spark",
                    Set.of(
                            FACADE,
                            "attention",
                            "feature",
                            "gold",
                            "model",
                            "spi",
                            "detect",
                            "data",
                            "eval",
                            "eval.baseline",
                            "train",
                            "significance",
                            "text",
                            "io",
                            "learn",
                            "onnx",
                            "onnx.graph",
                            "onnx.tokenizer",
                            "report")),
            Map.entry("report", Set.of("significance", "attention", "feature", "model", "detect", "text", "io")));

    /** Packages above the product: they may use anything, and nothing in the product may use them. */
    private static final Set<String> APPLICATIONS = Set.of("cli", "lab", "examples");

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.miaj((?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");

    @Test
    void packagesDependOnlyOnTheLayersBelowThem() {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : mainSources()) {
            String text = read(file);
            Matcher pm = PACKAGE.matcher(text);
            if (!pm.find() || !pm.group(1).startsWith(ROOT)) {
                continue;
            }
            String from = layerOf(pm.group(1), file.getFileName().toString().replace(".java", ""));
            seen.add(from);
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                String to = layerOf(ROOT + m.group(1), m.group(2));
                if (!allowed(from, to)) {
                    violations.add(file.getFileName() + " (" + from + ") uses " + ROOT + m.group(1) + "." + m.group(2)
                            + " (" + to + ")");
                }
            }
        }
        assertFalse(seen.isEmpty(), "no main sources found from " + Path.of("").toAbsolutePath());
        assertEquals(List.of(), violations.stream().distinct().sorted().toList());
    }

    @Test
    void theLayersThemselvesHaveNoCycle() {
        // a package may not reach itself through what it allows: otherwise the rules would permit a cycle
        for (String start : ALLOWED.keySet()) {
            Set<String> reached = new TreeSet<>();
            List<String> todo = new ArrayList<>(ALLOWED.get(start));
            while (!todo.isEmpty()) {
                String p = todo.remove(todo.size() - 1);
                if (reached.add(p)) {
                    todo.addAll(ALLOWED.getOrDefault(p, Set.of()));
                }
            }
            assertFalse(reached.contains(start), start + " reaches itself: " + reached);
        }
    }

    private static boolean allowed(String from, String to) {
        if (from.equals(to) || to.equals(ERRORS)) {
            return true;
        }
        if (APPLICATIONS.contains(top(from))) {
            return true;
        }
        if (APPLICATIONS.contains(top(to))) {
            return false;
        }
        Set<String> ok = ALLOWED.get(from);
        return ok != null && ok.contains(to);
    }

    private static String top(String layer) {
        int dot = layer.indexOf('.');
        return dot < 0 ? layer : layer.substring(0, dot);
    }

    /** The layer of a class: its package below io.github.miaj, or errors / facade for the root package. */
    static String layerOf(String pkg, String simpleName) {
        if (pkg.equals(ROOT)) {
            return simpleName.endsWith("Exception") ? ERRORS : FACADE;
        }
        return pkg.substring(ROOT.length() + 1);
    }

    /** Every {@code src/main/java} tree of the modules beside this one. */
    private static List<Path> mainSources() {
        Path parent = Path.of("").toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(parent)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java")))
                    .toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
