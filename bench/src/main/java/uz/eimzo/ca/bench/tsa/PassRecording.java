package uz.eimzo.ca.bench.tsa;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recordings of one pass, of the TSA (through {@code jcmd}) and of this JVM (the load driver), when
 * {@code -Dtsa.profile=<directory>} is set; otherwise nothing. Each has CPU-time samples ({@code jdk.CPUTimeSample},
 * every 2 ms of a thread's CPU time), read with {@code jfr print --events jdk.CPUTimeSample}; deep stacks need
 * {@code -XX:FlightRecorderOptions:stackdepth=256} on both JVMs ({@code -Dtsa.jvm.options} for the TSA's).
 */
final class PassRecording implements AutoCloseable {

    private static final String NAME = "tsa-bench-pass";
    private static final String CPU_PERIOD = "2ms";

    private final Process tsa;
    private final Path tsaFile;
    private final Recording driver;
    private final Path driverFile;

    private PassRecording(Process tsa, Path tsaFile, Recording driver, Path driverFile) {
        this.tsa = tsa;
        this.tsaFile = tsaFile;
        this.driver = driver;
        this.driverFile = driverFile;
    }

    /** Starts both recordings, named after the pass, if profiling was asked for. */
    static PassRecording start(Process tsa, String pass) throws IOException, InterruptedException {
        String directory = System.getProperty("tsa.profile", "").strip();
        if (directory.isEmpty()) {
            return new PassRecording(null, null, null, null);
        }
        Path dir = Files.createDirectories(Path.of(directory));
        Path tsaFile = dir.resolve(pass + "-tsa.jfr").toAbsolutePath();
        // CPU-time samples (JDK 25, Linux): every thread that used CPU, in Java or native code, unlike execution samples.
        jcmd(tsa, "JFR.start", "name=" + NAME, "settings=profile", "jdk.CPUTimeSample#enabled=true",
                "jdk.CPUTimeSample#throttle=" + CPU_PERIOD);
        Recording driver;
        try {
            driver = new Recording(Configuration.getConfiguration("profile"));
        } catch (ParseException e) {
            throw new IOException(e);
        }
        driver.enable("jdk.CPUTimeSample").with("throttle", CPU_PERIOD);
        driver.start();
        return new PassRecording(tsa, tsaFile, driver, dir.resolve(pass + "-driver.jfr").toAbsolutePath());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (driver == null) {
            return;
        }
        driver.stop();
        driver.dump(driverFile);
        driver.close();
        jcmd(tsa, "JFR.stop", "name=" + NAME, "filename=" + tsaFile);
    }

    private static void jcmd(Process tsa, String... command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String[] full = new String[command.length + 2];
        full[0] = jcmd;
        full[1] = String.valueOf(tsa.pid());
        System.arraycopy(command, 0, full, 2, command.length);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.waitFor(60, TimeUnit.SECONDS);
    }
}
