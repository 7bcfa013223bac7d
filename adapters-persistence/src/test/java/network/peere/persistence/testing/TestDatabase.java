package network.peere.persistence.testing;

import javax.sql.DataSource;
import network.peere.persistence.jdbi.Database;
import network.peere.persistence.jdbi.DatabaseSettings;
import network.peere.persistence.jdbi.JdbiStores;

/**
 * A migrated database of its own for one test: {@link #close()} closes the pool and throws the database away (an
 * in-memory H2 database, or a MariaDB schema). Get one from {@link TestDatabases}.
 */
public final class TestDatabase implements AutoCloseable {
    private final Database database;
    private final Runnable dropDatabase;

    TestDatabase(Database database, Runnable dropDatabase) {
        this.database = database;
        this.dropDatabase = dropDatabase;
    }

    public JdbiStores stores() {
        return database.stores();
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** What the app under test would be configured with to reach this database. */
    public DatabaseSettings settings() {
        return database.settings();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            dropDatabase.run();
        }
    }
}
