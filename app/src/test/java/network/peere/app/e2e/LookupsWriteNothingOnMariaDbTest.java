package network.peere.app.e2e;

import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** Skipped without a MariaDB server unless -Dpeere.requireMariaDb=true. */
class LookupsWriteNothingOnMariaDbTest extends LookupsWriteNothingContract {
    @Override
    TestDatabase openDatabase() {
        return TestDatabases.mariaDb();
    }
}
