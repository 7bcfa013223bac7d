package network.peere.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.RetrySchedule;
import network.peere.core.domain.webhook.RetrySchedules;
import network.peere.persistence.jdbi.LookupCacheSettings;

/**
 * The server's configuration, read from the environment (and optionally a properties file named by
 * {@code PEERE_CONFIG_FILE}, whose keys are the same names; the environment wins). With nothing set, the server runs on
 * port 8080 with an H2 file database under {@code ./data}. {@code PEERE_PHRASE_KEYS} holds the network's lookup-phrase
 * keys ({@link network.peere.app.phrases.PhraseKeys}); without it a key is generated under the data directory.
 * {@code PEERE_LOOKUP_CACHE_TTL} and {@code PEERE_LOOKUP_CACHE_SIZE} size each process's lookup cache
 * ({@link #lookupCache(Map)}).
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
        Optional<String> phraseKeys,
        Billing billing,
        Set<String> trustedProxies,
        LookupCacheSettings lookupCache) {

    /**
     * Billing settings: how long a bank has to answer an intent ({@code PEERE_INTENT_TTL}, default {@code 24h}) and a
     * billing request ({@code PEERE_CHARGE_TTL}, default {@code 24h}), the smallest charge per currency in minor units
     * ({@code PEERE_MINIMUM_AMOUNTS} like {@code NGN:100,USD:50}; default one major unit), and how often the sandbox
     * bank looks for work ({@code PEERE_SANDBOX_BANK_POLL_MS}, default 200); settlement windows close at midnight in
     * {@code PEERE_SETTLEMENT_ZONE} (default {@code Africa/Lagos}) and due windows are settled every
     * {@code PEERE_SETTLEMENT_INTERVAL} (default {@code 5m}); the renewal engine (recurring notices, due periods,
     * retries) runs every {@code PEERE_RENEWAL_INTERVAL} (default {@code 1m}).
     */
    public record Billing(
            Duration intentTtl,
            Duration chargeTtl,
            Map<java.util.Currency, Long> minimumMinor,
            Duration sandboxBankPoll,
            java.time.ZoneId settlementZone,
            Duration settlementInterval,
            Duration renewalInterval) {
        public static final int SANDBOX_BANK_POLL_MS_DEFAULT = 200;

        public Billing {
            minimumMinor = Map.copyOf(minimumMinor);
            if (!intentTtl.isPositive() || !chargeTtl.isPositive()) {
                throw new IllegalArgumentException("PEERE_INTENT_TTL and PEERE_CHARGE_TTL must be positive");
            }
            if (sandboxBankPoll.toMillis() < 10 || sandboxBankPoll.toMillis() > 60_000) {
                throw new IllegalArgumentException("PEERE_SANDBOX_BANK_POLL_MS must be 10-60000");
            }
            if (renewalInterval.toMillis() < 10) {
                throw new IllegalArgumentException("PEERE_RENEWAL_INTERVAL must be at least 10ms");
            }
        }

        static Billing from(Map<String, String> values) {
            Map<java.util.Currency, Long> minimums = new HashMap<>();
            String raw = values.getOrDefault("PEERE_MINIMUM_AMOUNTS", "");
            for (String pair : raw.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.trim().split(":");
                try {
                    minimums.put(java.util.Currency.getInstance(parts[0].trim()), Long.parseLong(parts[1].trim()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "PEERE_MINIMUM_AMOUNTS lists <ISO currency>:<minor units> pairs like NGN:100,USD:50, got '"
                                    + pair + "'",
                            e);
                }
            }
            return new Billing(
                    Optional.ofNullable(values.get("PEERE_INTENT_TTL"))
                            .map(v -> Webhooks.duration(v))
                            .orElse(Duration.ofHours(24)),
                    Optional.ofNullable(values.get("PEERE_CHARGE_TTL"))
                            .map(v -> Webhooks.duration(v))
                            .orElse(Duration.ofHours(24)),
                    minimums,
                    Duration.ofMillis(integer(values, "PEERE_SANDBOX_BANK_POLL_MS", SANDBOX_BANK_POLL_MS_DEFAULT)),
                    zone(values.getOrDefault("PEERE_SETTLEMENT_ZONE", "Africa/Lagos")),
                    Optional.ofNullable(values.get("PEERE_SETTLEMENT_INTERVAL"))
                            .map(v -> Webhooks.duration(v))
                            .orElse(Duration.ofMinutes(5)),
                    Optional.ofNullable(values.get("PEERE_RENEWAL_INTERVAL"))
                            .map(v -> Webhooks.duration(v))
                            .orElse(Duration.ofMinutes(1)));
        }

        private static java.time.ZoneId zone(String raw) {
            try {
                return java.time.ZoneId.of(raw.trim());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("PEERE_SETTLEMENT_ZONE must be a time zone like Africa/Lagos", e);
            }
        }
    }

    public enum SandboxDemo {
        CREATE_ON_FIRST_START,
        OFF
    }

    /**
     * Webhook delivery settings. {@code secretKey}: base64 of the 32-byte AES key that seals endpoint secrets
     * ({@code PEERE_SECRET_KEY}; unset, one is generated once under the data directory, mode 0600: every node of a
     * cluster needs the same key, so set it there). {@code relaxedUrlModes}: modes whose endpoints may be http and
     * private addresses ({@code PEERE_WEBHOOK_RELAXED_URL_MODES}, default {@code sandbox}; {@code none} for none).
     * {@code retries}: {@code PEERE_WEBHOOK_RETRY_SCHEDULE} and its per-type overrides {@code
     * PEERE_WEBHOOK_RETRY_SCHEDULE_<TYPE>}, each {@code <first delay>,<longest delay>,<give up after>} like {@code
     * 10s,12h,5d}. {@code retention}: how long finished deliveries and their events are kept ({@code
     * PEERE_WEBHOOK_RETENTION_DAYS}).
     */
    public record Webhooks(
            Optional<String> secretKey,
            Duration timeout,
            Set<Mode> relaxedUrlModes,
            int concurrency,
            Duration pollInterval,
            RetrySchedules retries,
            Duration retention) {
        public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(10);
        public static final int CONCURRENCY_DEFAULT = 32;
        public static final int CONCURRENCY_MAX = 512;
        public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofSeconds(1);
        public static final String RETRY_SCHEDULE = "PEERE_WEBHOOK_RETRY_SCHEDULE";
        public static final int RETENTION_DAYS_DEFAULT = 30;
        /** Long enough to outlive the longest sensible retry schedule, short enough to stay a bounded table. */
        public static final int RETENTION_DAYS_MAX = 3_650;

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
            Objects.requireNonNull(retries, "retries");
            if (retention.compareTo(Duration.ofDays(1)) < 0
                    || retention.compareTo(Duration.ofDays(RETENTION_DAYS_MAX)) > 0) {
                throw new IllegalArgumentException("PEERE_WEBHOOK_RETENTION_DAYS must be 1-" + RETENTION_DAYS_MAX);
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
                    Duration.ofMillis(integer(values, "PEERE_WEBHOOK_POLL_MS", (int) POLL_INTERVAL_DEFAULT.toMillis())),
                    retrySchedules(values),
                    Duration.ofDays(integer(values, "PEERE_WEBHOOK_RETENTION_DAYS", RETENTION_DAYS_DEFAULT)));
        }

        /** The default schedule and one per event type named {@code PEERE_WEBHOOK_RETRY_SCHEDULE_<TYPE>}. */
        static RetrySchedules retrySchedules(Map<String, String> values) {
            RetrySchedule fallback = Optional.ofNullable(values.get(RETRY_SCHEDULE))
                    .map(raw -> schedule(RETRY_SCHEDULE, raw))
                    .orElse(RetrySchedule.STANDARD);
            Map<EventType, RetrySchedule> byType = new EnumMap<>(EventType.class);
            values.forEach((name, raw) -> {
                if (name.startsWith(RETRY_SCHEDULE + "_")) {
                    String suffix = name.substring(RETRY_SCHEDULE.length() + 1);
                    EventType type = Arrays.stream(EventType.values())
                            .filter(t -> t.name().equals(suffix))
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(name + " names no event type; use one of "
                                    + Arrays.stream(EventType.values())
                                            .map(t -> RETRY_SCHEDULE + "_" + t.name())
                                            .collect(Collectors.joining(", "))));
                    byType.put(type, schedule(name, raw));
                }
            });
            return new RetrySchedules(fallback, byType);
        }

        private static RetrySchedule schedule(String name, String raw) {
            String[] parts = raw.split(",", -1);
            String format = name + " must be '<first delay>,<longest delay>,<give up after>' like 10s,12h,5d"
                    + " (units ms, s, m, h, d), got '" + raw + "'";
            if (parts.length != 3) {
                throw new IllegalArgumentException(format);
            }
            try {
                return new RetrySchedule(duration(parts[0]), duration(parts[1]), duration(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(format + ": " + e.getMessage(), e);
            }
        }

        static Duration duration(String raw) {
            Matcher matcher = DURATION.matcher(raw.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + raw.trim() + "' is not a duration");
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }

        private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

        @Override
        public String toString() {
            // The key is a secret: never in logs.
            return "Webhooks[secretKey=" + (secretKey.isPresent() ? "set" : "unset") + ", timeout=" + timeout
                    + ", relaxedUrlModes=" + relaxedUrlModes + ", concurrency=" + concurrency + ", pollInterval="
                    + pollInterval + ", retries=" + retries + ", retention=" + retention + "]";
        }
    }

    public static final int PORT_DEFAULT = 8080;
    public static final int DB_POOL_SIZE_DEFAULT = 10;
    public static final int MAX_REQUEST_BYTES_DEFAULT = 1024 * 1024;
    public static final int MAX_REQUEST_BYTES_MIN = 1024;

    /** Longer would break the "within a few seconds" that docs/merchants.md ("Freshness") promises merchants. */
    public static final Duration LOOKUP_CACHE_TTL_MAX = Duration.ofMinutes(1);

    public static final int LOOKUP_CACHE_SIZE_MAX = 10_000_000;

    public PeereConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PEERE_PORT must be 0-65535 (0 picks a free port)");
        }
        if (dbPoolSize < 1 || dbPoolSize > 200) {
            throw new IllegalArgumentException("PEERE_DB_POOL_SIZE must be 1-200");
        }
        java.util.Objects.requireNonNull(phraseKeys, "phraseKeys");
        java.util.Objects.requireNonNull(lookupCache, "lookupCache");
        trustedProxies = Set.copyOf(trustedProxies);
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
                Optional.ofNullable(values.get("PEERE_PHRASE_KEYS")),
                Billing.from(values),
                trustedProxies(values.get("PEERE_TRUSTED_PROXIES")),
                lookupCache(values));
    }

    /**
     * Each process's lookup cache: how long an answer is reused ({@code PEERE_LOOKUP_CACHE_TTL}, default {@code 5s},
     * at most {@link #LOOKUP_CACHE_TTL_MAX}; {@code 0s} caches nothing), which bounds how long another process's change
     * goes unseen here, and how many answers are kept ({@code PEERE_LOOKUP_CACHE_SIZE}, default 100,000).
     */
    static LookupCacheSettings lookupCache(Map<String, String> values) {
        String rawTtl = values.get("PEERE_LOOKUP_CACHE_TTL");
        Duration ttl = LookupCacheSettings.TTL_DEFAULT;
        if (rawTtl != null) {
            String expected = "PEERE_LOOKUP_CACHE_TTL must be a duration from 0s to 1m like 5s or 500ms, got '"
                    + rawTtl.trim() + "'";
            try {
                ttl = Webhooks.duration(rawTtl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(expected, e);
            }
            if (ttl.compareTo(LOOKUP_CACHE_TTL_MAX) > 0) {
                throw new IllegalArgumentException(expected);
            }
        }
        int size = integer(values, "PEERE_LOOKUP_CACHE_SIZE", (int) LookupCacheSettings.ENTRIES_MAX_DEFAULT);
        if (size < 1 || size > LOOKUP_CACHE_SIZE_MAX) {
            throw new IllegalArgumentException("PEERE_LOOKUP_CACHE_SIZE must be 1-" + LOOKUP_CACHE_SIZE_MAX);
        }
        return new LookupCacheSettings(ttl, size);
    }

    /**
     * {@code PEERE_TRUSTED_PROXIES}: the IP addresses of the reverse proxies in front of the server, comma separated
     * (default none). From them, the per-client limits of the public pay page read the client from {@code
     * X-Forwarded-For}; from anyone else that header is ignored.
     */
    static Set<String> trustedProxies(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> proxies = new java.util.LinkedHashSet<>();
        for (String part : value.split(",")) {
            String address = part.trim();
            if (!address.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException(
                        "PEERE_TRUSTED_PROXIES must be IP addresses separated by commas, not '" + address + "'");
            }
            proxies.add(address);
        }
        return Set.copyOf(proxies);
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
                phraseKeys,
                billing,
                trustedProxies,
                lookupCache);
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
