package network.peere.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import network.peere.core.domain.shared.Mode;

/**
 * The server's configuration, read from the environment (and optionally a properties file named by
 * {@code PEERE_CONFIG_FILE}, whose keys are the same names; the environment wins). With nothing set, the server runs on
 * port 8080 with an H2 file database under {@code ./data}. {@code PEERE_PHRASE_KEYS} holds the network's lookup-phrase
 * keys ({@link network.peere.app.phrases.PhraseKeys}); without it a key is generated under the data directory.
 */
public record PeereConfig(
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        long maxRequestBytes,
        SandboxDemo sandboxDemo,
        Webhooks webhooks,
        Optional<String> phraseKeys) {

    public enum SandboxDemo {
        CREATE_ON_FIRST_START,
        OFF
    }

    /**
     * Webhook delivery settings. {@code secretKey}: base64 of the 32-byte AES key that seals endpoint secrets
     * ({@code PEERE_SECRET_KEY}; unset, one is generated once under the data directory, mode 0600: every node of a
     * cluster needs the same key, so set it there). {@code relaxedUrlModes}: modes whose endpoints may be http and
     * private addresses ({@code PEERE_WEBHOOK_RELAXED_URL_MODES}, default {@code sandbox}; {@code none} for none).
     */
    public record Webhooks(
            Optional<String> secretKey,
            Duration timeout,
            Set<Mode> relaxedUrlModes,
            int concurrency,
            Duration pollInterval) {
        public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
        public static final int CONCURRENCY_DEFAULT = 32;
        public static final int CONCURRENCY_MAX = 512;
        public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofSeconds(1);

        public Webhooks {
            Objects.requireNonNull(secretKey, "secretKey");
            relaxedUrlModes = Set.copyOf(relaxedUrlModes);
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("PEERE_WEBHOOK_TIMEOUT_MS must be 1-60000");
            }
            if (concurrency < 1 || concurrency > CONCURRENCY_MAX) {
                throw new IllegalArgumentException("PEERE_WEBHOOK_CONCURRENCY must be 1-" + CONCURRENCY_MAX);
            }
            if (pollInterval.toMillis() < 10) {
                throw new IllegalArgumentException("PEERE_WEBHOOK_POLL_MS must be at least 10");
            }
        }

        static Webhooks from(Map<String, String> values) {
            String relaxed = values.getOrDefault("PEERE_WEBHOOK_RELAXED_URL_MODES", "sandbox");
            Set<Mode> modes = relaxed.equalsIgnoreCase("none")
                    ? Set.of()
                    : Arrays.stream(relaxed.split(","))
                            .map(String::trim)
                            .map(name -> Mode.fromWire(name)
                                    .orElseThrow(() -> new IllegalArgumentException(
                                            "PEERE_WEBHOOK_RELAXED_URL_MODES lists sandbox, live or none")))
                            .collect(Collectors.toUnmodifiableSet());
            return new Webhooks(
                    Optional.ofNullable(values.get("PEERE_SECRET_KEY")),
                    Duration.ofMillis(integer(values, "PEERE_WEBHOOK_TIMEOUT_MS", (int) TIMEOUT_DEFAULT.toMillis())),
                    modes,
                    integer(values, "PEERE_WEBHOOK_CONCURRENCY", CONCURRENCY_DEFAULT),
                    Duration.ofMillis(
                            integer(values, "PEERE_WEBHOOK_POLL_MS", (int) POLL_INTERVAL_DEFAULT.toMillis())));
        }

        @Override
        public String toString() {
            // The key is a secret: never in logs.
            return "Webhooks[secretKey=" + (secretKey.isPresent() ? "set" : "unset") + ", timeout=" + timeout
                    + ", relaxedUrlModes=" + relaxedUrlModes + ", concurrency=" + concurrency + ", pollInterval="
                    + pollInterval + "]";
        }
    }

    public static final int PORT_DEFAULT = 8080;
    public static final int DB_POOL_SIZE_DEFAULT = 10;
    public static final int MAX_REQUEST_BYTES_DEFAULT = 1024 * 1024;
    public static final int MAX_REQUEST_BYTES_MIN = 1024;

    public PeereConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PEERE_PORT must be 0-65535 (0 picks a free port)");
        }
        if (dbPoolSize < 1 || dbPoolSize > 200) {
            throw new IllegalArgumentException("PEERE_DB_POOL_SIZE must be 1-200");
        }
        java.util.Objects.requireNonNull(phraseKeys, "phraseKeys");
        if (maxRequestBytes < MAX_REQUEST_BYTES_MIN) {
            throw new IllegalArgumentException("PEERE_MAX_REQUEST_BYTES must be at least " + MAX_REQUEST_BYTES_MIN);
        }
    }

    public static PeereConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static PeereConfig from(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        String file = environment.get("PEERE_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("PEERE_") && value != null && !value.isBlank()) {
                values.put(key, value);
            }
        });
        return new PeereConfig(
                integer(values, "PEERE_PORT", PORT_DEFAULT),
                Path.of(values.getOrDefault("PEERE_DATA_DIR", "./data")),
                Optional.ofNullable(values.get("PEERE_DB_URL")),
                values.getOrDefault("PEERE_DB_USER", ""),
                values.getOrDefault("PEERE_DB_PASSWORD", ""),
                integer(values, "PEERE_DB_POOL_SIZE", DB_POOL_SIZE_DEFAULT),
                integer(values, "PEERE_MAX_REQUEST_BYTES", MAX_REQUEST_BYTES_DEFAULT),
                "false".equalsIgnoreCase(values.get("PEERE_SANDBOX_DEMO"))
                        ? SandboxDemo.OFF
                        : SandboxDemo.CREATE_ON_FIRST_START,
                Webhooks.from(values),
                Optional.ofNullable(values.get("PEERE_PHRASE_KEYS")));
    }

    public PeereConfig withPort(int newPort) {
        return new PeereConfig(
                newPort,
                dataDir,
                dbUrl,
                dbUser,
                dbPassword,
                dbPoolSize,
                maxRequestBytes,
                sandboxDemo,
                webhooks,
                phraseKeys);
    }

    private static Map<String, String> readFile(Path path) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PEERE_CONFIG_FILE " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + raw + "'", e);
        }
    }
}
