package uz.eimzo.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that need the source text, not the class files: how long a file is, names written out in code instead
 * of imported, and a package-info per package. Each returns its findings, empty when the code keeps the rule.
 */
final class SourceRules {

    static final int MAX_LINES = 400;

    /** A package name written out before a class: {@code java.util.Locale.ROOT}, {@code @org.springframework…Order}. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "(?<![\\w.])((?:java|javax|jakarta|org|com|io|net|uz)(?:\\.[a-z_][a-z0-9_]*)+)\\.([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+([\\w.]+)\\.([A-Z]\\w*);");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

    private SourceRules() {
    }

    /** Files over {@value #MAX_LINES} lines, as {@code path (n lines)}. */
    static List<String> oversizeFiles(List<Path> roots) {
        List<String> findings = new ArrayList<>();
        for (Path root : roots) {
            for (Path file : CodeBase.javaFiles(root)) {
                String text = read(file);
                int lines = text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
                if (lines > MAX_LINES) {
                    findings.add(relative(file) + " (" + lines + " lines)");
                }
            }
        }
        return findings;
    }

    /**
     * Fully qualified names in code (comments and string literals are not code), as {@code path:line: name}. A name
     * whose simple name is already taken in the file (imported from elsewhere, declared in it, or a class of the same
     * package) cannot be imported, and is not a finding.
     */
    static List<String> inlineQualifiedNames(List<Path> roots) {
        List<String> findings = new ArrayList<>();
        for (Path root : roots) {
            for (Path file : CodeBase.javaFiles(root)) {
                String code = codeOnly(read(file));
                Map<String, String> imported = new HashMap<>();
                Matcher imports = IMPORT.matcher(code);
                while (imports.find()) {
                    imported.put(imports.group(2), imports.group(1) + "." + imports.group(2));
                }
                Set<String> declared = new HashSet<>();
                Matcher declarations = DECLARATION.matcher(code);
                while (declarations.find()) {
                    declared.add(declarations.group(1));
                }
                String[] lines = code.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    if (line.startsWith("import ") || line.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = QUALIFIED_NAME.matcher(lines[i]);
                    while (m.find()) {
                        String simple = m.group(2);
                        boolean taken = imported.containsKey(simple) && !imported.get(simple).equals(m.group())
                                || declared.contains(simple)
                                || Files.exists(file.resolveSibling(simple + ".java"))
                                && !file.getParent().endsWith(m.group(1).replace('.', '/'));
                        if (!taken) {
                            findings.add(relative(file) + ":" + (i + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        return findings;
    }

    /** The files among {@code findings} ({@code path:line: name}), each once. */
    static Set<String> filesOf(List<String> findings) {
        Set<String> files = new TreeSet<>();
        findings.forEach(f -> files.add(f.substring(0, f.indexOf(':'))));
        return files;
    }

    /** Directories holding Java classes but no package-info.java. */
    static List<String> packagesWithoutInfo(List<Path> roots) {
        Set<String> missing = new TreeSet<>();
        for (Path root : roots) {
            for (Path file : CodeBase.javaFiles(root)) {
                Path dir = file.getParent();
                if (!Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(relative(dir));
                }
            }
        }
        return List.copyOf(missing);
    }

    /**
     * The text with comments, string, text-block and character literals blanked out (newlines kept, so line numbers
     * hold): what is left is code.
     */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = blank(source, i, end < 0 ? n : end + 2, out);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                i = blank(source, i, end < 0 ? n : end + 3, out);
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = blank(source, i, Math.min(n, j + 1), out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
        return to;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path relative to the project root, with forward slashes, as the allowances name files. */
    static String relative(Path path) {
        return CodeBase.root().relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
