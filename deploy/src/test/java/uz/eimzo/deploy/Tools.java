package uz.eimzo.deploy;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the operators' own tools (docker-compose, kubectl, nginx, systemd-analyze, psql) from tests. */
final class Tools {

    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    static boolean installed(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }

    /** Skips the test, saying which tool is missing, when it is not installed. */
    static void assumeInstalled(String command) {
        Assumptions.assumeTrue(installed(command), command + " is not installed here; install it to run this check");
    }

    static String path(String command) {
        Path sbin = Path.of("/usr/sbin", command);
        return Files.isExecutable(sbin) && !installedOnPath(command) ? sbin.toString() : command;
    }

    private static boolean installedOnPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command with only PATH, HOME and the given variables in its environment. */
    static Result runClean(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Map<String, String> clean = new java.util.HashMap<>();
        clean.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        clean.put("HOME", System.getProperty("user.home"));
        clean.putAll(environment);
        return run(command, clean, true);
    }

    /** Runs a command, stdout and stderr together, and waits at most two minutes. */
    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        return run(command, environment, false);
    }

    private static Result run(List<String> command, Map<String, String> environment, boolean clean)
            throws IOException, InterruptedException {
        List<String> resolved = new java.util.ArrayList<>(command);
        resolved.set(0, path(command.getFirst()));
        ProcessBuilder builder = new ProcessBuilder(resolved).redirectErrorStream(true);
        if (clean) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
