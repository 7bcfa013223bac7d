package network.peere.persistence.memory;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.EndpointSecrets;
import network.peere.core.domain.webhook.WebhookEndpoint;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.out.WebhookEndpointStore;

/** Webhook endpoints in a map, behaving as the {@code webhook_endpoints} table does. */
final class InMemoryWebhookEndpointStore implements WebhookEndpointStore {
    private static final Comparator<WebhookEndpoint> OLDEST_FIRST =
            Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(e -> e.id().value());

    private final InMemoryTransactor transactor;

    /** Guarded by the transactor. */
    private final Map<WebhookEndpointId, WebhookEndpoint> byId = new LinkedHashMap<>();

    InMemoryWebhookEndpointStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(WebhookEndpoint endpoint) {
        WebhookEndpoint row = truncated(endpoint);
        transactor.useTransaction(() -> {
            if (byId.containsKey(row.id())) {
                throw new IllegalStateException("duplicate endpoint id " + row.id());
            }
            byId.put(row.id(), row);
            transactor.onRollback(() -> byId.remove(row.id()));
        });
    }

    @Override
    public Optional<WebhookEndpoint> find(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return transactor.inTransaction(() -> Optional.ofNullable(byId.get(id))
                .filter(e -> e.mode() == mode && e.participantId().equals(owner)));
    }

    @Override
    public List<WebhookEndpoint> listFor(Mode mode, ParticipantId owner) {
        return transactor.inTransaction(() -> byId.values().stream()
                .filter(e -> e.mode() == mode && e.participantId().equals(owner))
                .sorted(OLDEST_FIRST)
                .toList());
    }

    @Override
    public boolean update(WebhookEndpoint expected, WebhookEndpoint changed) {
        if (!expected.id().equals(changed.id())
                || expected.mode() != changed.mode()
                || !expected.participantId().equals(changed.participantId())) {
            throw new IllegalArgumentException("an update keeps the endpoint's id and owner");
        }
        WebhookEndpoint row = truncated(changed);
        return transactor.inTransaction(() -> {
            Optional<WebhookEndpoint> current = find(expected.mode(), expected.participantId(), expected.id())
                    .filter(e -> e.updatedAt().equals(Micros.truncate(expected.updatedAt())));
            current.ifPresent(before -> {
                byId.put(row.id(), row);
                transactor.onRollback(() -> byId.put(before.id(), before));
            });
            return current.isPresent();
        });
    }

    @Override
    public boolean delete(Mode mode, ParticipantId owner, WebhookEndpointId id) {
        return transactor.inTransaction(() -> {
            Optional<WebhookEndpoint> current = find(mode, owner, id);
            current.ifPresent(before -> {
                byId.remove(id);
                transactor.onRollback(() -> byId.put(id, before));
            });
            return current.isPresent();
        });
    }

    private static WebhookEndpoint truncated(WebhookEndpoint e) {
        EndpointSecrets s = e.secrets();
        return new WebhookEndpoint(
                e.id(),
                e.participantId(),
                e.mode(),
                e.url(),
                e.eventTypes(),
                e.status(),
                new EndpointSecrets(s.current(), s.previous(), s.previousUntil().map(Micros::truncate)),
                Micros.truncate(e.createdAt()),
                Micros.truncate(e.updatedAt()));
    }
}
