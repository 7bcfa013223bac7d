package network.peere.persistence.jdbi;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** Skipped without a MariaDB server unless -Dpeere.requireMariaDb=true. */
class EndpointCacheOnMariaDbTest extends EndpointCacheContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariaDb();
    }
}
