package network.peere.persistence.jdbi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.out.WebhookEndpointStore;

/**
 * A participant's endpoints, as every event published to it reads them to fan out, kept for a second. A change made
 * through this store evicts its owner's list at once and again when its transaction ends (committed or rolled back),
 * and the transaction that made it reads the owner's list from the database until then, so it sees its own change and
 * nobody is served a change that may still roll back. A change made by another server process is seen here within
 * {@link #TTL}: an event published in that second still goes to the endpoints as they were (as an event published just
 * before the change would).
 */
final class CachingWebhookEndpoints implements WebhookEndpointStore {
    /** How long another process's change may go unseen here. */
    static final Duration TTL = Duration.ofSeconds(1);

    /** Participants whose lists are kept at once; the least used go first. */
    static final int OWNERS_MAX = 10_000;

    private record Owner(Mode mode, ParticipantId id) {}

    private final JdbiTransactor transactor;
    private final WebhookEndpointStore delegate;
    private final Cache<Owner, List<WebhookEndpoint>> lists;

    /** The owners whose endpoints the current transaction changed. */
    private final ThreadLocal<Set<Owner>> changedHere = new ThreadLocal<>();

    CachingWebhookEndpoints(JdbiTransactor transactor, WebhookEndpointStore delegate, Ticker ticker) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.lists = Caffeine.newBuilder()
                .maximumSize(OWNERS_MAX)
                .expireAfterWrite(TTL)
                .ticker(ticker)
                .build();
    }

    @Override
    public List<WebhookEndpoint> listFor(Mode mode, ParticipantId owner) {
        Owner key = new Owner(mode, owner);
        Set<Owner> changed = changedHere.get();
        if (changed != null && changed.contains(key)) {
            return delegate.listFor(mode, owner);
        }
        return lists.get(key, k -> List.copyOf(delegate.listFor(mode, owner)));
    }

    @Override
    public Optional<WebhookEndpoint> find(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return delegate.find(mode, owner, id);
    }

    @Override
    public void insert(WebhookEndpoint endpoint) {
        transactor.useTransaction(() -> {
            changing(new Owner(endpoint.mode(), endpoint.participantId()));
            delegate.insert(endpoint);
        });
    }

    @Override
    public boolean update(WebhookEndpoint expected, WebhookEndpoint changed) {
        return transactor.inTransaction(() -> {
            changing(new Owner(expected.mode(), expected.participantId()));
            return delegate.update(expected, changed);
        });
    }

    @Override
    public boolean delete(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return transactor.inTransaction(() -> {
            changing(new Owner(mode, owner));
            return delegate.delete(mode, owner, id);
        });
    }

    /** Called in the changing transaction, before its write. */
    private void changing(Owner owner) {
        Set<Owner> changed = changedHere.get();
        if (changed == null) {
            changed = new HashSet<>();
            changedHere.set(changed);
            transactor.afterCompletion(changedHere::remove);
        }
        changed.add(owner);
        lists.invalidate(owner);
        transactor.afterCompletion(() -> lists.invalidate(owner));
    }
}
