package network.peere.app.webhooks;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestClock;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The webhook scenarios on MariaDB. */
class WebhooksApiOnMariaDbTest extends WebhooksApiContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir, TestClock clock) {
        database = TestDatabases.mariaDb();
        return RunningServer.on(RunningServer.config(database, dataDir, FAST_DELIVERY), clock);
    }

    @Override
    void afterStop() {
        if (database != null) {
            database.close();
        }
    }
}
