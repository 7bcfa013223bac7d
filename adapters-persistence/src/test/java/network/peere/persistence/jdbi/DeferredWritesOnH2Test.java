package network.peere.persistence.jdbi;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

class DeferredWritesOnH2Test extends DeferredWritesContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }

    @Override
    protected boolean combinesWrites() {
        return false;
    }

    @Override
    protected boolean holdsTransaction(org.jdbi.v3.core.Handle handle) throws java.sql.SQLException {
        return !handle.getConnection().getAutoCommit();
    }
}
