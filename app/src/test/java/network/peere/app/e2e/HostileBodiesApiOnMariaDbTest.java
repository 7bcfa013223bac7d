package network.peere.app.e2e;

import java.nio.file.Path;
import java.util.Map;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.RunningServer;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** Hostile bodies on MariaDB, whose strict mode refuses a value too long for its column. */
class HostileBodiesApiOnMariaDbTest extends HostileBodiesApiContract {
    private TestDatabase database;

    @Override
    RunningServer start(Path dataDir) {
        database = TestDatabases.mariaDb();
        return RunningServer.on(RunningServer.config(database, dataDir, Map.of()), PeereRuntime.SYSTEM_CLOCK);
    }

    @Override
    void afterStop() {
        if (database != null) {
            database.close();
        }
    }
}
