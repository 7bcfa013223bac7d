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

    @Override
    protected boolean holdsTransaction(org.jdbi.v3.core.Handle handle) {
        return handle.createQuery("SELECT @@in_transaction")
                        .mapTo(Integer.class)
                        .one()
                == 1;
    }
}
