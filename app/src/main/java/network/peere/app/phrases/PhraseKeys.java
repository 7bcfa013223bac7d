package network.peere.app.phrases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's lookup-phrase keys: {@code id:base64key} entries separated by commas, the first sealing new phrases
 * and every one still opening old ones, so a key rotates by putting a new one first and dropping the old one once its
 * phrases may go. Keys are 32 random bytes (AES-256). From {@code PEERE_PHRASE_KEYS}, or else generated once into
 * {@code <data dir>/phrase-keys} (mode 0600) — fine for one process; several servers must share the variable.
 */
public record PhraseKeys(List<Key> keys) {
    public static final String FILE = "phrase-keys";
    public static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,16}");
    private static final Logger LOG = LoggerFactory.getLogger(PhraseKeys.class);

    public record Key(String id, byte[] secret) {
        public Key {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a phrase key id is 1-16 characters of [a-z0-9]");
            }
            if (secret == null || secret.length != KEY_BYTES) {
                throw new IllegalArgumentException("phrase key " + id + " must be " + KEY_BYTES + " bytes (base64)");
            }
            secret = secret.clone();
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    public PhraseKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one phrase key is needed");
        }
        if (keys.stream().map(Key::id).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("phrase key ids must be distinct");
        }
    }

    public Key current() {
        return keys.getFirst();
    }

    /** {@code k1:base64,k0:base64}. */
    public static PhraseKeys parse(String text) {
        List<Key> keys = new ArrayList<>();
        for (String entry : text.split(",")) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("PEERE_PHRASE_KEYS entries are id:base64key, comma-separated");
            }
            try {
                keys.add(new Key(
                        entry.substring(0, colon).trim(),
                        Base64.getDecoder().decode(entry.substring(colon + 1).trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEERE_PHRASE_KEYS: " + e.getMessage(), e);
            }
        }
        return new PhraseKeys(keys);
    }

    /** A new key, with an id from today's date, as {@code id:base64} text. */
    public static String generate(SecureRandom random) {
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String id = "k" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        return id + ":" + Base64.getEncoder().encodeToString(secret);
    }

    /** The configured keys, or those in the data directory's key file, created on first use. */
    public static PhraseKeys load(java.util.Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return parse(configured.get());
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    return parse(Files.readString(file, StandardCharsets.UTF_8).trim());
                }
                Files.writeString(file, generate(new SecureRandom()) + "\n", StandardCharsets.UTF_8);
                LOG.warn(
                        "Generated a lookup-phrase key in {}; servers sharing a database must share PEERE_PHRASE_KEYS",
                        file);
            }
            return parse(Objects.requireNonNull(Files.readString(file, StandardCharsets.UTF_8))
                    .trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
