package uz.eimzo.ra.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's SMS box: with SMS on and no gateway URL (the demo), each text is written as a {@code .txt} file into a
 * directory (mode 700, files 600) next to the demo mailbox, so a newcomer reads the codes there. A stand-in for a
 * phone, not a log; it exists in the demo only.
 */
public final class DemoSmsBox implements SmsSender {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path directory;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public DemoSmsBox(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void send(String phone, String text) {
        String to = SmsSender.uzbek(phone);
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            Path file = directory.resolve(STAMP.format(clock.instant().atZone(ZoneOffset.UTC)) + "-"
                    + sequence.incrementAndGet() + "-" + to.substring(1) + ".txt");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "To: " + to + "\n\n" + text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failed("The demo SMS box cannot be written: " + e.getClass().getSimpleName());
        }
    }
}
