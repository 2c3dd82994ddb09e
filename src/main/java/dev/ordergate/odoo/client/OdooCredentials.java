package dev.ordergate.odoo.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The API key Ordergate presents to Odoo: {@code ordergate.odoo.api-key}, or the content of
 * {@code ordergate.odoo.api-key-file} (a mounted Kubernetes Secret), read again whenever the file changes, so a key
 * rotated before Odoo 19's expiry is taken up without a restart. Never logged.
 */
@Component
public class OdooCredentials {

    private static final Logger log = LoggerFactory.getLogger(OdooCredentials.class);

    private final String configuredKey;
    private final Path file;
    private final AtomicLong generation = new AtomicLong();
    private volatile FileTime readAt;
    private volatile String fileKey;

    @Autowired
    public OdooCredentials(OdooProperties properties, OdooAccessProperties access) {
        this(properties.apiKey(), access.apiKeyFile());
    }

    private OdooCredentials(String configuredKey, Path file) {
        this.configuredKey = configuredKey;
        this.file = file;
    }

    /** A key that never changes (tests, and clients built by hand). */
    public static OdooCredentials fixed(String apiKey) {
        return new OdooCredentials(apiKey, null);
    }

    /** The key to send now: the file's (re-read if it changed since the last call), else the configured one. */
    public String apiKey() {
        if (file == null) {
            return configuredKey;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                synchronized (this) {
                    if (!modified.equals(readAt)) {
                        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
                        boolean rotated = fileKey != null && !fileKey.equals(key);
                        fileKey = key;
                        readAt = modified;
                        if (rotated) {
                            generation.incrementAndGet();
                            log.info("Odoo API key read again from {}: the new key is used from the next call", file);
                        }
                    }
                }
            }
            return fileKey;
        } catch (IOException unreadable) {
            if (fileKey != null) {
                // A Secret's mount swaps a symlink; a read in between keeps the key we had.
                return fileKey;
            }
            throw new UncheckedIOException("ordergate.odoo.api-key-file " + file + " cannot be read", unreadable);
        }
    }

    /** Goes up each time the key changes, so a login made with the old key is made again. */
    public long generation() {
        return generation.get();
    }

    /** Where the key comes from, for operators: never the key itself. */
    public String source() {
        return file != null ? "file " + file : "ordergate.odoo.api-key";
    }
}
