package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The billing scenarios on MariaDB, through PEERE_DB_URL as an operator would configure it. */
class BillingApiOnMariaDbTest extends BillingApiContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir) {
        database = TestDatabases.mariaDb();
        return RunningServer.on(RunningServer.config(database, dataDir, FAST_DELIVERY), PeereRuntime.SYSTEM_CLOCK);
    }

    @Override
    void afterStop() {
        if (database != null) {
            database.close();
        }
    }
}
