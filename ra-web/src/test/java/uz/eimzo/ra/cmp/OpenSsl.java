package uz.eimzo.ra.cmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line in a directory, as an applicant's tool would. */
public final class OpenSsl {

    /** Exit code and everything printed. */
    public record Result(int exit, String output) {
    }

    private final Path directory;

    public OpenSsl(Path directory) {
        this.directory = directory;
    }

    public Result run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Runs and requires success. */
    public String ok(String... arguments) {
        Result result = run(arguments);
        if (result.exit() != 0) {
            throw new AssertionError("openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
        }
        return result.output();
    }

    /** A new P-256 key in PEM. */
    public Path newKey(String name) {
        ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name);
        return directory.resolve(name);
    }
}
