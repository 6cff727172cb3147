package uz.eimzo.ra.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Document scans uploaded on a request's page ({@code eimzo.ra.scans.*}).
 *
 * @param maxFileSize    largest scan; a larger file is marked in the preview with its error and cannot be saved
 * @param maxRequestSize largest upload of several scans at once (the whole request body); a larger one is refused
 *                       before it is read, back on the request's page with the error beside the file field
 * @param previewTtl     how long uploaded scans wait on the preview page (in PostgreSQL) before they are deleted
 */
@ConfigurationProperties("eimzo.ra.scans")
public record ScanLimits(@DefaultValue("10MB") DataSize maxFileSize, @DefaultValue("30MB") DataSize maxRequestSize,
                         @DefaultValue("30m") Duration previewTtl) {

    /** What the schema takes for one scan, whatever the setting (V36). */
    public static final long DATABASE_CEILING = 64L * 1024 * 1024;

    public ScanLimits {
        if (maxFileSize.toBytes() <= 0 || maxFileSize.toBytes() > DATABASE_CEILING) {
            throw new IllegalArgumentException("eimzo.ra.scans.max-file-size must be between 1 byte and 64MB (the database's ceiling)");
        }
        if (maxRequestSize.toBytes() < maxFileSize.toBytes()) {
            throw new IllegalArgumentException("eimzo.ra.scans.max-request-size must be at least eimzo.ra.scans.max-file-size");
        }
        if (previewTtl.isNegative() || previewTtl.isZero()) {
            throw new IllegalArgumentException("eimzo.ra.scans.preview-ttl must be positive");
        }
    }

    /** A size in whole megabytes for the reader, rounded up (10MB: "10"). */
    public static String megabytes(DataSize size) {
        return String.valueOf((size.toBytes() + (1 << 20) - 1) >> 20);
    }
}
