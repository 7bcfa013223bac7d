package network.peere.app.webhooks;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestClock;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** Replay targets on MariaDB. */
class ReplayTargetsOnMariaDbTest extends ReplayTargetsContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir, TestClock clock) {
        database = TestDatabases.mariaDb();
        return RunningServer.on(RunningServer.config(database, dataDir, SETTINGS), clock);
    }

    @Override
    void afterStop() {
        if (database != null) {
            database.close();
        }
    }
}
