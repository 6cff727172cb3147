package uz.eimzo.ca.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the properties a module's code binds ({@code @ConfigurationProperties} records and {@code @Value}
 * placeholders), so a test can fail when {@code docs/configuration.md} does not name one of them.
 */
public final class ConfigurationReference {

    private static final Pattern PREFIX = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.\\-]+)\"\\)");
    private static final Pattern VALUE = Pattern.compile("@Value\\(\"\\$\\{([a-zA-Z0-9.\\-]+)");
    private static final Pattern PACKAGE = Pattern.compile("^package ([a-z0-9_.]+);", Pattern.MULTILINE);

    private ConfigurationReference() {
    }

    /** Every property name bound by the Java sources under {@code sources}, in kebab case. */
    public static Set<String> boundProperties(Path sources) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher value = VALUE.matcher(text);
                while (value.find()) {
                    names.add(value.group(1));
                }
                Matcher prefix = PREFIX.matcher(text);
                if (prefix.find()) {
                    Matcher pkg = PACKAGE.matcher(text);
                    String simpleName = file.getFileName().toString().replace(".java", "");
                    String className = (pkg.find() ? pkg.group(1) + "." : "") + simpleName;
                    addComponents(prefix.group(1), load(className), names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The bound properties the reference text does not name in backquotes. */
    public static Set<String> undocumented(Set<String> properties, String reference) {
        Set<String> missing = new TreeSet<>();
        for (String name : properties) {
            boolean named = Pattern.compile("`" + Pattern.quote(name) + "[`.]").matcher(reference).find();
            if (!named) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static void addComponents(String prefix, Class<?> type, Set<String> names) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + " is bound to " + prefix + " but is not a record");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord()) {
                addComponents(name, componentType, names);
            } else {
                names.add(name);
                if (Map.class.isAssignableFrom(componentType) && valueIsRecord(component.getGenericType())) {
                    throw new IllegalStateException(name + ": maps of records are not listed yet; extend this class");
                }
            }
        }
    }

    private static boolean valueIsRecord(Type type) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments()[1] instanceof Class<?> c && c.isRecord();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + className + " to list its properties", e);
        }
    }
}
