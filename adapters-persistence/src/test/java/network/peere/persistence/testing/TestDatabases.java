package network.peere.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import network.peere.persistence.jdbi.Database;
import network.peere.persistence.jdbi.DatabaseSettings;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, migrated databases for tests, one per call so tests never see each other's rows.
 *
 * <p>{@link #mariaDb()} needs a running MariaDB (or MySQL 8) server: by default {@code jdbc:mysql://127.0.0.1:3306/}
 * as root with an empty password, or what {@code PEERE_TEST_MARIADB_URL}, {@code PEERE_TEST_MARIADB_USER} and
 * {@code PEERE_TEST_MARIADB_PASSWORD} say. Without one the test is skipped, unless the system property
 * {@value #REQUIRE_MARIADB} is {@code true} (as in CI), which makes it fail.
 */
public final class TestDatabases {
    public static final String REQUIRE_MARIADB = "peere.requireMariaDb";
    public static final String DEFAULT_MARIADB_URL = "jdbc:mysql://127.0.0.1:3306/";

    private static final String MYSQL_URL_PREFIX = "jdbc:mysql://";
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private TestDatabases() {}

    /** A private in-memory H2 database in MySQL mode. */
    public static TestDatabase h2() {
        var database = Database.open(DatabaseSettings.h2InMemory(uniqueName()));
        return new TestDatabase(database, () -> {});
    }

    /** A new schema {@code peere_test_<random>} on the test MariaDB server, dropped on close. */
    public static TestDatabase mariaDb() {
        return mariaDb("");
    }

    /**
     * {@link #mariaDb()} with driver properties of the test's in its URL ({@code allowMultiQueries=false}, say), which
     * take precedence over Peere's defaults as an operator's would.
     */
    public static TestDatabase mariaDb(String urlProperties) {
        String serverUrl = env("PEERE_TEST_MARIADB_URL", DEFAULT_MARIADB_URL);
        String user = env("PEERE_TEST_MARIADB_USER", "root");
        String password = env("PEERE_TEST_MARIADB_PASSWORD", "");
        String schema = uniqueName();

        execute(serverUrl, user, password, "CREATE DATABASE " + schema);
        String url = withSchema(serverUrl, schema);
        if (!urlProperties.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + urlProperties;
        }
        var settings = new DatabaseSettings(url, user, password, DatabaseSettings.POOL_SIZE_DEFAULT);
        Runnable drop = () -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + schema);
        try {
            return new TestDatabase(Database.open(settings), drop);
        } catch (RuntimeException e) {
            drop.run();
            throw e;
        }
    }

    /** Connects without a pool (the schema does not exist yet), skipping or failing the test when it cannot. */
    private static void execute(String serverUrl, String user, String password, String sql) {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS));
        Connection connection;
        try {
            connection = DriverManager.getConnection(serverUrl, properties);
        } catch (SQLException e) {
            unreachable(serverUrl, user, e);
            return;
        }
        try (connection;
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + serverUrl + " refused: " + sql, e);
        }
    }

    private static void unreachable(String serverUrl, String user, SQLException cause) {
        String why = "MariaDB is not reachable at " + serverUrl + " as " + user + " (" + cause.getMessage()
                + "). Start it, or point PEERE_TEST_MARIADB_URL / _USER / _PASSWORD at one.";
        if (Boolean.getBoolean(REQUIRE_MARIADB)) {
            throw new AssertionError(why + " Failing because -D" + REQUIRE_MARIADB + "=true.", cause);
        }
        Assumptions.abort(why + " Skipping; set -D" + REQUIRE_MARIADB + "=true to fail instead.");
    }

    /** {@code jdbc:mysql://host:port/ignored?props} becomes {@code jdbc:mysql://host:port/<schema>?props}. */
    static String withSchema(String serverUrl, String schema) {
        if (!serverUrl.startsWith(MYSQL_URL_PREFIX)) {
            throw new IllegalArgumentException("PEERE_TEST_MARIADB_URL must start with " + MYSQL_URL_PREFIX);
        }
        int queryStart = serverUrl.indexOf('?');
        String query = queryStart < 0 ? "" : serverUrl.substring(queryStart);
        String withoutQuery = queryStart < 0 ? serverUrl : serverUrl.substring(0, queryStart);
        int pathStart = withoutQuery.indexOf('/', MYSQL_URL_PREFIX.length());
        String server = pathStart < 0 ? withoutQuery : withoutQuery.substring(0, pathStart);
        return server + "/" + schema + query;
    }

    private static String uniqueName() {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return "peere_test_" + HexFormat.of().formatHex(random);
    }

    private static String env(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }
}
