package uz.eimzo.ca.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh SoftHSM2 tokens for one test JVM, made with {@code softhsm2-util} in a new token directory.
 *
 * <p>SoftHSM2 reads its configuration from the file named by the environment variable {@code SOFTHSM2_CONF}
 * once, when SunPKCS11 first loads the library into the JVM, and never sees tokens initialised after that.
 * A JVM cannot set its own environment, so the build sets {@code SOFTHSM2_CONF} to a path under
 * {@code target/} (surefire {@code environmentVariables}); this class writes that file, pointing at a new
 * token directory, and initialises every token of the run before the library is loaded. Each token is
 * therefore made once per JVM, on first use, with the labels listed in {@link #LABELS}.
 */
public final class SoftHsm {

    /** The PKCS#11 library the tests use; the tests are skipped only when it is absent. */
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String SO_PIN = "5566778899";
    public static final String USER_PIN = "1234567890";

    /**
     * The tokens of a test run. PKCS#11 login state belongs to the process, so a token that one test logs in
     * to accepts any PIN from the next storage in the same JVM; a wrong-PIN test needs a token nobody uses.
     */
    public static final List<String> LABELS = List.of("eimzo-ca", "eimzo-ca-2", "eimzo-pin-check");

    private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");
    private static SoftHsm instance;

    private final Path configuration;
    private final Map<String, Long> slots;

    private SoftHsm(Path configuration, Map<String, Long> slots) {
        this.configuration = configuration;
        this.slots = slots;
    }

    public static boolean available() {
        return Files.isReadable(LIBRARY);
    }

    /** The tokens of this JVM, initialised on first call (before any test loads the library). */
    public static synchronized SoftHsm get() {
        if (instance == null) {
            instance = initialise();
        }
        return instance;
    }

    /** A SunPKCS11 configuration (file contents) for the token with this label. */
    public String sunPkcs11Configuration(String label) {
        Long slot = slots.get(label);
        if (slot == null) {
            throw new IllegalArgumentException("No SoftHSM token " + label + "; the run makes " + LABELS);
        }
        return "name = SoftHSM-" + label + "\nlibrary = " + LIBRARY + "\nslot = " + slot + "\n";
    }

    /** The same configuration as one inline string, as SunPKCS11 accepts it when it starts with {@code --}. */
    public String inlineConfiguration(String label) {
        return "--" + sunPkcs11Configuration(label);
    }

    /** Writes the SunPKCS11 configuration for a token to a file and returns its path. */
    public Path writeConfiguration(String label, Path file) {
        try {
            Files.writeString(file, sunPkcs11Configuration(label));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }

    /** The softhsm2.conf this JVM's library reads. */
    public Path softHsmConfiguration() {
        return configuration;
    }

    private static SoftHsm initialise() {
        String env = System.getenv("SOFTHSM2_CONF");
        if (env == null || env.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set for this JVM. SoftHSM2 reads it when the library "
                    + "loads, so it must be set before the JVM starts: Maven sets it (surefire environmentVariables); "
                    + "from an IDE set SOFTHSM2_CONF=<module>/target/softhsm2/softhsm2.conf in the run configuration.");
        }
        Path conf = Path.of(env).toAbsolutePath();
        try {
            Files.createDirectories(conf.getParent());
            Path tokens = Files.createTempDirectory(conf.getParent(), "tokens-");
            Files.writeString(conf, """
                    directories.tokendir = %s
                    objectstore.backend = file
                    log.level = ERROR
                    slots.removable = false
                    slots.mechanisms = ALL
                    library.reset_on_fork = false
                    """.formatted(tokens));
            Map<String, Long> slots = new LinkedHashMap<>();
            for (String label : LABELS) {
                slots.put(label, initToken(conf, label));
            }
            return new SoftHsm(conf, Map.copyOf(slots));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare SoftHSM2 tokens under " + conf.getParent(), e);
        }
    }

    private static long initToken(Path conf, String label) throws IOException {
        List<String> command = new ArrayList<>(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--so-pin", SO_PIN, "--pin", USER_PIN));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed for " + label + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while initialising SoftHSM token " + label, e);
        }
        Matcher slot = REASSIGNED.matcher(output);
        if (!slot.find()) {
            throw new IllegalStateException("softhsm2-util did not say which slot holds " + label + ": " + output);
        }
        return Long.parseLong(slot.group(1));
    }
}
