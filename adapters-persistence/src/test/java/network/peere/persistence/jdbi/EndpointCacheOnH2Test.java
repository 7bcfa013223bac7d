package network.peere.persistence.jdbi;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

class EndpointCacheOnH2Test extends EndpointCacheContract {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
