package network.peere.app.e2e;

import java.nio.file.Path;
import network.peere.app.testing.RunningServer;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The billing rules scenarios on MariaDB, through PEERE_DB_URL as an operator would configure it. */
class BillingRulesApiOnMariaDbTest extends BillingRulesApiContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir) {
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
