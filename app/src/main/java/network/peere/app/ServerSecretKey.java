package network.peere.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES key that seals webhook secrets: {@code PEERE_SECRET_KEY} (base64 of 32 bytes) when set; otherwise the one in
 * {@code <data dir>/secret.key}, generated on first start with mode 0600. Losing or changing it makes every stored
 * endpoint secret unreadable (rotate them after). The key itself is never logged.
 */
final class ServerSecretKey {
    static final String FILE_NAME = "secret.key";
    static final int KEY_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ServerSecretKey.class);

    private ServerSecretKey() {}

    static byte[] load(PeereConfig config) {
        if (config.webhooks().secretKey().isPresent()) {
            return decode(config.webhooks().secretKey().get(), "PEERE_SECRET_KEY");
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
                if (config.dbUrl().isPresent()) {
                    LOG.warn(
                            "generated a webhook secret key in {}; with a shared database every node needs the"
                                    + " same key: set PEERE_SECRET_KEY",
                            file);
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the webhook secret key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key) + "\n";
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, encoded, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException racedWithAnotherProcess) {
            // Another process on the same data directory created it first; use theirs.
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(source + " must be the base64 of " + KEY_BYTES + " bytes");
        }
        return key;
    }
}
