package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.app.PeereRuntime;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.TestCustomers;
import network.peere.app.testing.TestNetwork;
import network.peere.app.testing.TestPhrases;
import network.peere.core.Peere;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.identity.BatchItem;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.identity.LinkDevices;
import network.peere.core.ports.in.identity.MigrateCustomers;
import network.peere.core.ports.in.participant.ManageApiKeys;
import network.peere.core.ports.out.RandomSource;
import network.peere.http.PeereHttp;
import network.peere.persistence.jdbi.JdbiStores;
import network.peere.persistence.testing.StatementRecorder;
import network.peere.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lookup writes nothing to the database (spec/decisions.md, "Phrases"): not the lookup itself, and nothing on its
 * way through the HTTP side either (authentication, rate limits, idempotency, access log). The whole request path
 * the server runs ({@link PeereHttp} over the core over the JDBI stores) is built here on a data source that records
 * every statement; the server's background jobs are left out, so every statement recorded is a request's.
 */
abstract class LookupsWriteNothingContract {
    private static final Actor TEST = Actor.system("lookups write nothing");
    private static final String PHONE = "+2348012345678";
    private static final String DEVICE = "device_789";

    private TestDatabase database;
    private StatementRecorder recorder;
    private Peere peere;
    private Javalin server;
    private HttpApi api;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void startServer() {
        database = openDatabase();
        recorder = new StatementRecorder(database.dataSource());
        peere = Peere.create(config -> config.stores(new JdbiStores(recorder.dataSource()))
                .clock(PeereRuntime.SYSTEM_CLOCK)
                .random(RandomSource.of(new SecureRandom()))
                .phraseSealer(TestPhrases.sealer()));
        var settings = new PeereHttp.Settings(
                PeereHttp.Settings.MAX_REQUEST_BYTES_DEFAULT,
                new byte[0],
                () -> true,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server = PeereHttp.create(peere, settings).start(0);
        api = new HttpApi(server.port());
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
        database.close();
    }

    @Test
    void lookups_by_email_phone_and_device_write_nothing_for_merchants_or_providers() {
        Participant bank = TestNetwork.bank(peere);
        var ada = (BatchItem.Created) ((MigrateCustomers.Migration.Processed) peere.migrateCustomers()
                        .migrate(new MigrateCustomers.Command(
                                Mode.SANDBOX,
                                bank.id(),
                                List.of(TestCustomers.draft("1", "ada@example.com", PHONE)),
                                TEST)))
                .batch()
                .items()
                .getFirst();
        assertThat(peere.linkDevices()
                        .link(new LinkDevices.Command(
                                Mode.SANDBOX, bank.id(), ada.customerId(), ada.phrase(), new DeviceId(DEVICE))))
                .isInstanceOf(LinkDevices.Linking.Done.class);
        String merchant = keyOf(TestNetwork.merchant(peere, TrustLevel.ENHANCED));
        String basicMerchant = keyOf(TestNetwork.merchant(peere, TrustLevel.BASIC));
        Participant providerParticipant = TestNetwork.register(peere, new Profile.ProviderProfile());
        String provider = keyOf(providerParticipant);
        String entityId = TestNetwork.register(
                        peere,
                        new Profile.MerchantProfile(
                                Optional.of(providerParticipant.id()),
                                MerchantTrust.of(TrustLevel.ENHANCED),
                                ContactDetails.none()))
                .id()
                .value();
        recorder.clear();

        // Twice each: the first misses every cache (keys, rate limits, lookups), the second is served from them.
        for (int round = 0; round < 2; round++) {
            assertStatus(200, api.get("/v1/customer/banks?email=ada@example.com", merchant));
            assertStatus(200, api.get("/v1/customer/banks?phone=%2B2348012345678", merchant));
            // A client may send Idempotency-Key on any POST; a lookup creates nothing, so nothing is stored for it.
            assertStatus(
                    200,
                    api.send(
                            "POST",
                            "/v1/customer/device/lookup",
                            merchant,
                            "{\"deviceId\":\"" + DEVICE + "\"}",
                            Map.of("Content-Type", "application/json", "Idempotency-Key", "lookup-" + round)));
            assertStatus(404, api.get("/v1/customer/banks?email=nobody@example.com", merchant));
            assertStatus(200, api.get("/v1/customer/banks?email=ada@example.com&entityId=" + entityId, provider));
            assertStatus(200, api.get("/v1/customer/banks?phone=%2B2348012345678&entityId=" + entityId, provider));
            assertStatus(
                    200,
                    api.post(
                            "/v1/customer/device/lookup",
                            provider,
                            "{\"deviceId\":\"" + DEVICE + "\",\"entityId\":\"" + entityId + "\"}"));
            assertStatus(
                    403, api.post("/v1/customer/device/lookup", basicMerchant, "{\"deviceId\":\"" + DEVICE + "\"}"));
        }

        assertThat(recorder.statements())
                .as("the lookups read through the recorded data source")
                .anyMatch(sql -> sql.contains("c.email ="))
                .anyMatch(sql -> sql.contains("c.phone ="))
                .anyMatch(sql -> sql.contains("JOIN customer_devices"));
        assertThat(recorder.writes()).isEmpty();
        assertThat(recorder.lockingReads()).isEmpty();
    }

    private String keyOf(Participant participant) {
        var issued = (ManageApiKeys.Issue.Issued)
                peere.manageApiKeys().issue(Mode.SANDBOX, participant.id(), "lookups", TEST);
        return issued.secret().reveal();
    }

    private static void assertStatus(int expected, Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(expected);
    }
}
