package network.peere.persistence.jdbi;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static network.peere.persistence.testing.TestParticipants.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EndpointSecrets;
import network.peere.core.domain.webhook.EndpointStatus;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.SealedSecret;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.persistence.testing.StatementRecorder;
import network.peere.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint lists one server process keeps ({@link CachingWebhookEndpoints}), on its own time source: a change made
 * through this process is seen at once, one made by another process within the time to live and not before, and a
 * change that rolls back is never served. One subclass per database.
 */
abstract class EndpointCacheContract {
    private static final ParticipantId OWNER = new ParticipantId("bnk_1");

    private final AtomicLong nanos = new AtomicLong();
    private TestDatabase database;
    private StatementRecorder recorder;

    /** This process: its endpoint lists are kept on {@link #nanos}. */
    private JdbiStores here;

    /** Another server process on the same database. */
    private JdbiStores elsewhere;

    protected abstract TestDatabase openDatabase();

    @BeforeEach
    void openProcesses() {
        database = openDatabase();
        recorder = new StatementRecorder(database.dataSource());
        here = new JdbiStores(recorder.dataSource(), LookupCacheSettings.DEFAULT, nanos::get);
        elsewhere = database.stores();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static WebhookEndpoint endpoint(String id, Mode mode) {
        return new WebhookEndpoint(
                new WebhookEndpointId(id),
                OWNER,
                mode,
                URI.create("https://receiver.test/hooks"),
                Set.of(EventType.BILLING_REQUEST),
                EndpointStatus.ENABLED,
                EndpointSecrets.of(new SealedSecret("v1:sealed")),
                T0,
                T0);
    }

    private List<String> ids(JdbiStores process, Mode mode) {
        return process.webhookEndpoints().listFor(mode, OWNER).stream()
                .map(endpoint -> endpoint.id().value())
                .toList();
    }

    private static <T> T onAnotherThread(java.util.concurrent.Callable<T> work) {
        try (var thread = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            return thread.submit(work).get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_list_read_again_within_the_ttl_costs_no_statement() {
        elsewhere.webhookEndpoints().insert(endpoint("whe_1", LIVE));
        assertThat(ids(here, LIVE)).containsExactly("whe_1");
        recorder.clear();

        assertThat(ids(here, LIVE)).containsExactly("whe_1");

        assertThat(recorder.statements()).isEmpty();
    }

    @Test
    void another_process_change_is_seen_after_the_ttl_and_not_before() {
        assertThat(ids(here, LIVE)).isEmpty();

        elsewhere.webhookEndpoints().insert(endpoint("whe_1", LIVE));
        nanos.addAndGet(CachingWebhookEndpoints.TTL.toNanos() - 1);
        assertThat(ids(here, LIVE)).as("within the time to live").isEmpty();

        nanos.addAndGet(1);
        assertThat(ids(here, LIVE)).containsExactly("whe_1");
    }

    @Test
    void a_change_through_this_process_is_seen_at_once() {
        var first = endpoint("whe_1", LIVE);
        assertThat(ids(here, LIVE)).isEmpty();

        here.webhookEndpoints().insert(first);
        assertThat(ids(here, LIVE)).containsExactly("whe_1");

        var disabled = new WebhookEndpoint(
                first.id(),
                OWNER,
                LIVE,
                first.url(),
                first.eventTypes(),
                EndpointStatus.DISABLED,
                first.secrets(),
                first.createdAt(),
                T0.plusSeconds(1));
        assertThat(here.webhookEndpoints().update(first, disabled)).isTrue();
        assertThat(here.webhookEndpoints().listFor(LIVE, OWNER))
                .singleElement()
                .extracting(WebhookEndpoint::status)
                .isEqualTo(EndpointStatus.DISABLED);

        assertThat(here.webhookEndpoints().delete(LIVE, OWNER, first.id())).isTrue();
        assertThat(ids(here, LIVE)).isEmpty();
    }

    @Test
    void the_changing_transaction_reads_its_own_change_and_a_rollback_is_never_served() {
        assertThat(ids(here, LIVE)).isEmpty();

        assertThatThrownBy(() -> here.transactor().useTransaction(() -> {
                    here.webhookEndpoints().insert(endpoint("whe_1", LIVE));
                    assertThat(ids(here, LIVE)).containsExactly("whe_1");
                    assertThat(onAnotherThread(() -> ids(here, LIVE)))
                            .as("another thread of this process, while the change may still roll back")
                            .isEmpty();
                    throw new IllegalStateException("undo");
                }))
                .hasMessage("undo");

        assertThat(ids(here, LIVE)).isEmpty();
        assertThat(ids(elsewhere, LIVE)).isEmpty();
    }

    @Test
    void each_mode_has_its_own_list() {
        here.webhookEndpoints().insert(endpoint("whe_1", LIVE));
        assertThat(ids(here, SANDBOX)).isEmpty();

        here.webhookEndpoints().insert(endpoint("whe_2", SANDBOX));

        assertThat(ids(here, LIVE)).containsExactly("whe_1");
        assertThat(ids(here, SANDBOX)).containsExactly("whe_2");
    }
}
