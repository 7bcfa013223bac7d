package network.peere.persistence.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pooled, migrated database and the stores over it: {@link #open} connects, brings the schema up to date with
 * Flyway, and hands out {@link #stores()} until {@link #close()}.
 */
public final class Database implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/migration";
    /** How long a caller waits for a free connection before the pool gives up. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** A health check answers quickly or reports the database not ready. */
    public static final Duration READY_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final JdbiStores stores;

    private Database(DatabaseSettings settings, HikariDataSource pool, LookupCacheSettings lookupCache) {
        this.settings = settings;
        this.pool = pool;
        this.stores = new JdbiStores(pool, lookupCache);
    }

    /** With the default lookup cache ({@link LookupCacheSettings#DEFAULT}). */
    public static Database open(DatabaseSettings settings) {
        return open(settings, LookupCacheSettings.DEFAULT);
    }

    public static Database open(DatabaseSettings settings, LookupCacheSettings lookupCache) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(lookupCache, "lookupCache");
        var pool = new HikariDataSource(poolConfig(settings));
        try {
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            log.info("database {} at schema version {}", settings, result.targetSchemaVersion);
            return new Database(settings, pool, lookupCache);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    static HikariConfig poolConfig(DatabaseSettings settings) {
        var config = new HikariConfig();
        config.setPoolName("peere-db");
        config.setJdbcUrl(settings.effectiveJdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // H2's default, and the same on MySQL/MariaDB (whose default is REPEATABLE READ): a read inside a
        // transaction sees the latest commit, and correctness rests on conditional updates, never on a snapshot.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return config;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return pool;
    }

    public JdbiStores stores() {
        return stores;
    }

    /** Whether the database answers a trivial query within {@link #READY_CHECK_TIMEOUT} (for health checks). */
    public boolean isReady() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) READY_CHECK_TIMEOUT.toSeconds());
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            log.warn("database {} is not ready: {}", settings, e.toString());
            return false;
        }
    }

    /** Closes the pool; an in-memory H2 database is dropped with it, since nothing could reach it afterwards. */
    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        if (settings.isH2InMemory()) {
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.warn("could not shut down in-memory database {}: {}", settings, e.toString());
            }
        }
        pool.close();
    }
}
