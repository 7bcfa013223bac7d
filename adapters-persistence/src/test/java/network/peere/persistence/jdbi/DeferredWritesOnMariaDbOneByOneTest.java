package network.peere.persistence.jdbi;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.jdbi.v3.core.Handle;

/**
 * MariaDB with {@code allowMultiQueries} turned off in the URL, as an operator may: every write runs at once, and a
 * transaction's ends are statements of their own. Skipped without a MariaDB server unless
 * -Dpeere.requireMariaDb=true.
 */
class DeferredWritesOnMariaDbOneByOneTest extends DeferredWritesContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.mariaDb("allowMultiQueries=false");
    }

    @Override
    protected boolean combinesWrites() {
        return false;
    }

    @Override
    protected boolean sendsEndsAlone() {
        return true;
    }

    @Override
    protected boolean holdsTransaction(Handle handle) {
        return handle.createQuery("SELECT @@in_transaction")
                        .mapTo(Integer.class)
                        .one()
                == 1;
    }
}
