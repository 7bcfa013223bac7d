package network.peere.persistence.jdbi;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** Skipped without a MariaDB server unless -Dpeere.requireMariaDb=true. */
class DeferredWritesOnMariaDbTest extends DeferredWritesContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariaDb();
    }

    @Override
    protected boolean combinesWrites() {
        return true;
    }
}
