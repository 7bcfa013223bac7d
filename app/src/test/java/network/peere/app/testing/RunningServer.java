package network.peere.app.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import network.peere.app.PeereConfig;
import network.peere.app.PeereServer;
import network.peere.app.SandboxDemo;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.persistence.testing.TestDatabase;

/** The real standalone server on a free port, on H2 (the default, no config) or on a MariaDB test schema. */
public final class RunningServer implements AutoCloseable {
    private final PeereServer server;
    private final HttpApi api;
    private final PeereConfig config;

    /** What the server runs on and must be released after it stops (a MariaDB test schema), if anything. */
    private final AutoCloseable database;

    private String liveOperatorKey;

    private RunningServer(PeereConfig config) {
        this(config, () -> {}, network.peere.app.PeereRuntime.SYSTEM_CLOCK);
    }

    private RunningServer(PeereConfig config, AutoCloseable database, network.peere.core.ports.out.Clock clock) {
        this.config = config;
        this.database = database;
        this.server = PeereServer.start(config, clock);
        this.api = new HttpApi(server.port());
    }

    /** As the README's run command starts it: nothing configured but the data directory and a free port. */
    public static RunningServer onDefaultH2(Path dataDir) {
        return new RunningServer(config(dataDir, Map.of()));
    }

    /** On a test database, which is closed (a MariaDB schema dropped) when the server is. */
    public static RunningServer on(TestDatabase database, Path dataDir) {
        var settings = database.settings();
        return new RunningServer(
                config(
                        dataDir,
                        Map.of(
                                "PEERE_DB_URL", settings.jdbcUrl(),
                                "PEERE_DB_USER", settings.user(),
                                "PEERE_DB_PASSWORD", settings.password())),
                database,
                network.peere.app.PeereRuntime.SYSTEM_CLOCK);
    }

    /** With extra settings and a clock the test drives (webhook retries days ahead). */
    public static RunningServer on(PeereConfig config, network.peere.core.ports.out.Clock clock) {
        return new RunningServer(config, () -> {}, clock);
    }

    /** The settings {@link #on(TestDatabase, Path)} uses, plus {@code extra}. */
    public static PeereConfig config(TestDatabase database, Path dataDir, Map<String, String> extra) {
        var settings = database.settings();
        Map<String, String> env = new HashMap<>(extra);
        env.put("PEERE_DB_URL", settings.jdbcUrl());
        env.put("PEERE_DB_USER", settings.user());
        env.put("PEERE_DB_PASSWORD", settings.password());
        return config(dataDir, env);
    }

    public static PeereConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("PEERE_PORT", "0");
        env.put("PEERE_DATA_DIR", dataDir.toString());
        return PeereConfig.from(env);
    }

    public HttpApi api() {
        return api;
    }

    public PeereConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    public SandboxDemo.Network demo() {
        return server.demo().orElseThrow(() -> new IllegalStateException("not a first start"));
    }

    public String operatorKey() {
        return demo().byRole("operator", java.util.Optional.empty()).key();
    }

    /**
     * Raises the demo operator's own limits, so scenarios that call operator routes many times in a row test what
     * they mean to and not the operator's burst limit (decisions.md: tests and benchmarks raise limits, defaults stay).
     */
    public void raiseOperatorRateLimits() {
        raiseRateLimits(demo().byRole("operator", java.util.Optional.empty()).participantId());
    }

    /**
     * A live operator's key. Live mode starts empty, so the first one is made as {@code ./peere cli create-operator
     * --mode live} and {@code create-key --mode live} make one (docs/operations.md), its own rate limits raised.
     */
    public synchronized String liveOperatorKey() {
        if (liveOperatorKey == null) {
            Actor actor = Actor.system("end-to-end test");
            Peere peere = server.runtime().peere();
            var registered = (RegisterParticipant.Registration.Registered) peere.registerParticipant()
                    .register(new RegisterParticipant.Command(
                            Mode.LIVE, "Live Operations", "ops@live.test", new Profile.OperatorProfile(), actor));
            ParticipantId operator = registered.participant().id();
            var issued = (ManageApiKeys.Issue.Issued) peere.manageApiKeys().issue(Mode.LIVE, operator, "e2e", actor);
            liveOperatorKey = issued.secret().reveal();
            raiseRateLimits(liveOperatorKey, operator.value());
        }
        return liveOperatorKey;
    }

    /** Raises every rate class of one participant, so a test's burst of calls is not throttled. */
    public void raiseRateLimits(String participantId) {
        raiseRateLimits(operatorKey(), participantId);
    }

    /** As {@link #raiseRateLimits(String)}, by an operator of the participant's mode. */
    public void raiseRateLimits(String operatorKey, String participantId) {
        Response raised = api.put(
                "/v1/operator/participants/" + participantId + "/rate-limits",
                operatorKey,
                "{\"standard\":{\"perMinute\":100000,\"burstPerSecond\":10000},"
                        + "\"batch\":{\"perMinute\":100000,\"burstPerSecond\":10000},"
                        + "\"read\":{\"perMinute\":100000,\"burstPerSecond\":10000}}");
        if (raised.status() != 200) {
            throw new IllegalStateException("could not raise rate limits of " + participantId + ": " + raised.body());
        }
    }

    public PeereServer server() {
        return server;
    }

    @Override
    public void close() {
        try (database) {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release the test database", e);
        }
    }
}
