package network.peere.app.usecases;

import java.util.Random;
import network.peere.app.testing.TestPhrases;
import network.peere.core.Peere;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.RandomSource;
import network.peere.persistence.jdbi.JdbiStores;
import network.peere.persistence.testing.StatementRecorder;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;

/** The core on JDBI over a fresh MariaDB schema, every statement it sends recorded: for the round-trip tests. */
record RecordedPeere(TestDatabase database, StatementRecorder recorder, JdbiStores stores, Peere peere)
        implements AutoCloseable {
    static RecordedPeere open() {
        TestDatabase database = TestDatabases.mariaDb();
        var recorder = new StatementRecorder(database.dataSource());
        var stores = new JdbiStores(recorder.dataSource());
        Peere peere = Peere.create(config -> config.stores(stores)
                .clock(Clock.of(java.time.Clock.systemUTC()))
                .random(RandomSource.of(new Random()))
                .phraseSealer(TestPhrases.sealer()));
        return new RecordedPeere(database, recorder, stores, peere);
    }

    @Override
    public void close() {
        database.close();
    }
}
