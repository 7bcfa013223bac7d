package network.peere.app;

import java.security.SecureRandom;
import java.time.Duration;
import network.peere.app.phrases.AesGcmPhraseSealer;
import network.peere.app.phrases.PhraseKeys;
import network.peere.core.Peere;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.RandomSource;
import network.peere.persistence.jdbi.Database;
import network.peere.persistence.jdbi.DatabaseSettings;

/**
 * The core wired to a migrated database: what both the server and the operator CLI run on. The only place that
 * hands the core the system clock and randomness.
 */
public final class PeereRuntime implements AutoCloseable {
    private final Database database;
    private final Peere peere;

    private PeereRuntime(Database database, PhraseKeys phraseKeys) {
        this.database = database;
        this.peere = Peere.create(config -> config.stores(database.stores())
                // Microsecond ticks: what DATETIME(6) stores, so a value reads back exactly as it was written.
                .clock(Clock.of(java.time.Clock.tick(java.time.Clock.systemUTC(), Duration.ofNanos(1_000))))
                .random(RandomSource.of(new SecureRandom()))
                .phraseSealer(new AesGcmPhraseSealer(phraseKeys)));
    }

    public static PeereRuntime open(PeereConfig config) {
        PhraseKeys keys = PhraseKeys.load(config.phraseKeys(), config.dataDir());
        return new PeereRuntime(Database.open(databaseSettings(config)), keys);
    }

    static DatabaseSettings databaseSettings(PeereConfig config) {
        return config.dbUrl()
                .map(url -> new DatabaseSettings(url, config.dbUser(), config.dbPassword(), config.dbPoolSize()))
                .orElseGet(() -> DatabaseSettings.h2File(config.dataDir()));
    }

    public Peere peere() {
        return peere;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}
