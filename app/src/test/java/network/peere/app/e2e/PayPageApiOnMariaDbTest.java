package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The pay page's routes on MariaDB. */
class PayPageApiOnMariaDbTest extends PayPageApiContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir) {
        database = TestDatabases.mariaDb();
        return RunningServer.on(RunningServer.config(database, dataDir, SETTINGS), PeereRuntime.SYSTEM_CLOCK);
    }

    @Override
    void afterStop() {
        if (database != null) {
            database.close();
        }
    }
}
