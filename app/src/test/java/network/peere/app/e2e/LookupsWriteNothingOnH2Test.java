package network.peere.app.e2e;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

class LookupsWriteNothingOnH2Test extends LookupsWriteNothingContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.h2();
    }
}
