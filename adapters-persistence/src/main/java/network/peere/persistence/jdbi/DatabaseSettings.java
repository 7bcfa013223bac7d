package network.peere.persistence.jdbi;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the database is and how many connections to keep. The embedded default is an H2 file ({@link #h2File}); a
 * {@code jdbc:mysql:} URL reaches MySQL 8 or MariaDB through MySQL Connector/J.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {
    public static final int POOL_SIZE_DEFAULT = 10;
    public static final int POOL_SIZE_MAX = 200;

    /** H2 emulates MySQL closely enough for one set of migrations, once identifiers are lower case like MySQL's. */
    static final String H2_MYSQL_MODE = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

    /**
     * Connector/J properties the adapter relies on, added only when the URL does not set them: full Unicode, UTC for
     * any value the driver converts, and multi-row inserts for batches.
     */
    private static final Map<String, String> MYSQL_DEFAULTS = mysqlDefaults();

    private static final Pattern H2_MEMORY_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password (empty when there is none)");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:");
        }
        if (maxPoolSize < 1 || maxPoolSize > POOL_SIZE_MAX) {
            throw new IllegalArgumentException("maxPoolSize must be 1.." + POOL_SIZE_MAX);
        }
    }

    /**
     * The embedded database, {@code <dataDir>/peere.mv.db}. AUTO_SERVER lets a second process (the operator CLI) open
     * the same file while the server runs: the first process serves it to the others over a local socket.
     */
    public static DatabaseSettings h2File(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("peere");
        return new DatabaseSettings(
                "jdbc:h2:file:" + file + H2_MYSQL_MODE + ";AUTO_SERVER=TRUE", "sa", "", POOL_SIZE_DEFAULT);
    }

    /**
     * A private in-memory database, alive while its {@link Database} is open (DB_CLOSE_DELAY keeps it while the pool
     * recycles connections; {@link Database#close()} drops it).
     */
    public static DatabaseSettings h2InMemory(String name) {
        if (name == null || !H2_MEMORY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 characters of [A-Za-z0-9_]");
        }
        return new DatabaseSettings(
                "jdbc:h2:mem:" + name + H2_MYSQL_MODE + ";DB_CLOSE_DELAY=-1", "sa", "", POOL_SIZE_DEFAULT);
    }

    public DatabaseSettings withMaxPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, user, password, size);
    }

    boolean isMySql() {
        return jdbcUrl.startsWith("jdbc:mysql:");
    }

    boolean isH2InMemory() {
        return jdbcUrl.startsWith("jdbc:h2:mem:");
    }

    /** The URL the pool connects with: the given one, plus {@link #MYSQL_DEFAULTS} it leaves out. */
    String effectiveJdbcUrl() {
        if (!isMySql()) {
            return jdbcUrl;
        }
        int query = jdbcUrl.indexOf('?');
        Set<String> given = query < 0
                ? Set.of()
                : Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                        .map(pair -> pair.split("=", 2)[0].toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        var url = new StringBuilder(jdbcUrl);
        String separator = query < 0 ? "?" : (jdbcUrl.endsWith("?") || jdbcUrl.endsWith("&") ? "" : "&");
        for (var property : MYSQL_DEFAULTS.entrySet()) {
            if (!given.contains(property.getKey().toLowerCase(Locale.ROOT))) {
                url.append(separator).append(property.getKey()).append('=').append(property.getValue());
                separator = "&";
            }
        }
        return url.toString();
    }

    /** Never shows the password, in the field or in the URL. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user
                + ", maxPoolSize=" + maxPoolSize + "]";
    }

    private static Map<String, String> mysqlDefaults() {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("useUnicode", "true");
        // Connector/J maps the Java name UTF-8 to MySQL's utf8mb4, so four-byte characters survive.
        defaults.put("characterEncoding", "UTF-8");
        defaults.put("connectionTimeZone", "UTC");
        defaults.put("rewriteBatchedStatements", "true");
        // Parse each SQL text once per connection, not on every execution (profiling the billing benchmark showed
        // the driver's statement parsing as the biggest CPU cost), and trust the driver's view of autocommit and
        // isolation instead of asking the server again on every pool checkout. The webhook worker's batched statements
        // (an attempt batch's one UPDATE for up to 200 rows) run to about 9,000 characters and a migration batch's
        // 500-row INSERT to about 21,000, so the length cached is raised from the driver's 256 to 32,768. The 500-row
        // INSERT's parsed form (≈ 10,000 placeholders) holds a few hundred KB per pooled connection; parsing it on
        // every batch cost ≈ 3 ms of the batch's 28 ms INSERT.
        defaults.put("cachePrepStmts", "true");
        defaults.put("prepStmtCacheSize", "500");
        defaults.put("prepStmtCacheSqlLimit", "32768");
        defaults.put("useLocalSessionState", "true");
        defaults.put("cacheServerConfiguration", "true");
        defaults.put("cacheResultSetMetadata", "true");
        defaults.put("maintainTimeStats", "false");
        // The driver opens a tracing span per statement when OpenTelemetry is on the class path (≈ 2 % of the billing
        // benchmark's CPU); Peere exports no traces, so none are made unless the URL asks for them.
        defaults.put("openTelemetry", "DISABLED");
        // Writes a transaction does not wait for (a bill's charge, its agreement's lastUsed, its event) go to the
        // server
        // together, several statements in one round trip (JdbiTransactor#defer). Every statement Peere sends binds its
        // values as parameters, never as SQL text, so allowing several per call opens no injection. A URL that turns it
        // off only makes those writes go one by one.
        defaults.put("allowMultiQueries", "true");
        return Collections.unmodifiableMap(defaults);
    }
}
