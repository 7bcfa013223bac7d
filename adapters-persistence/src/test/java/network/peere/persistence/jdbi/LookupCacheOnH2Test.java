package network.peere.persistence.jdbi;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

class LookupCacheOnH2Test extends LookupCacheContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
