package uz.eimzo.ca.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Private keys and their passwords on disk. A key file is readable by its owner only from the moment it exists
 * (created so, never tightened afterwards, so there is no moment another user could open it), and it is never
 * locked by a password written in the source code: when nobody configured one, a random password is made on first
 * use and kept, owner-only too, in {@code <key file>.password} beside it.
 */
public final class KeyFiles {

    /** What follows a key file's name to name the file holding its generated password. */
    public static final String PASSWORD_SUFFIX = ".password";
    private static final int PASSWORD_BYTES = 24;

    private KeyFiles() {
    }

    /** Writes the content of a key file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException, GeneralSecurityException;
    }

    /**
     * Writes {@code file} owner-only and atomically: a temporary owner-only file in the same folder, then a rename,
     * so a crash mid-write never leaves a half-written key file and an existing file is replaced whole.
     */
    public static void write(Path file, Content content) throws IOException, GeneralSecurityException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp", ownerOnly(folder));
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The password of {@code keyFile}: {@code configured} when it is set, else the one kept beside the file, made at
     * random the first time. A key file that exists without either is refused rather than given a new password
     * that cannot open it.
     */
    public static char[] password(Path keyFile, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.toCharArray();
        }
        Path passwordFile = passwordFile(keyFile);
        try {
            if (!Files.exists(passwordFile)) {
                if (Files.exists(keyFile)) {
                    throw new KeyUnavailableException(keyFile + " exists but no password is configured for it and "
                            + passwordFile + " is missing: configure the password it was written with");
                }
                byte[] random = new byte[PASSWORD_BYTES];
                new SecureRandom().nextBytes(random);
                String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                write(passwordFile, out -> out.write((made + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
            String kept = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
            if (kept.isEmpty()) {
                throw new KeyUnavailableException(passwordFile + " is empty");
            }
            return kept.toCharArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyUnavailableException("Cannot read or make " + passwordFile, e);
        }
    }

    /** Where the generated password of {@code keyFile} is kept. */
    public static Path passwordFile(Path keyFile) {
        Path absolute = keyFile.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + PASSWORD_SUFFIX);
    }

    private static FileAttribute<?>[] ownerOnly(Path folder) {
        // Windows has no POSIX modes; there a new file inherits the folder's access list.
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
