package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.ShiftedClock;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The payment-link callback scenarios on MariaDB. */
class LinkCallbacksApiOnMariaDbTest extends LinkCallbacksApiContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir, ShiftedClock clock) {
        database = TestDatabases.mariaDb();
        return RunningServer.on(RunningServer.config(database, dataDir, FAST), clock);
    }

    @Override
    void afterStop() {
        if (database != null) {
            database.close();
        }
    }
}
