package network.peere.core.services.participant;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.ParticipantStatus;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.ports.in.participant.ChangeParticipant;
import network.peere.core.ports.in.participant.FindParticipants;
import network.peere.core.ports.in.participant.RegisterParticipant;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.audit.AuditTrail;

public final class ParticipantService implements RegisterParticipant, ChangeParticipant, FindParticipants {
    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditTrail audit;
    private final PublishEvents events;

    public ParticipantService(
            PeereStores stores, Clock clock, IdGenerator ids, AuditTrail audit, PublishEvents events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Registration register(RegisterParticipant.Command command) {
        return stores.transactor().inTransaction(() -> {
            if (command.profile() instanceof Profile.MerchantProfile merchant
                    && merchant.providerId().isPresent()) {
                Optional<Participant> provider = stores.participants()
                        .find(command.mode(), merchant.providerId().get())
                        .filter(p -> p.role() == Role.PROVIDER);
                if (provider.isEmpty()) {
                    return new Registration.Rejected(RegisterParticipant.Rejection.PROVIDER_NOT_FOUND);
                }
                if (!provider.get().isActive()) {
                    return new Registration.Rejected(RegisterParticipant.Rejection.PROVIDER_SUSPENDED);
                }
            }
            var participant = Participant.register(
                    new ParticipantId(ids.newId(command.profile().role().idPrefix())),
                    command.mode(),
                    command.name().trim(),
                    command.email().trim(),
                    command.profile(),
                    clock.now());
            stores.participants().insert(participant);
            audit.record(
                    participant.mode(),
                    command.actor(),
                    participant.id(),
                    AuditAction.PARTICIPANT_CREATED,
                    Map.of("role", WireEnums.wireName(participant.role()), "name", participant.name()));
            announceCreated(events, participant);
            return new Registration.Registered(participant);
        });
    }

    /**
     * {@code participant.created} to the new participant, however it was registered (by an operator, or onboarded by
     * its provider). Called in the registration's transaction, so a rolled-back registration announces nothing.
     */
    static void announceCreated(PublishEvents events, Participant participant) {
        events.publish(
                participant.mode(),
                participant.id(),
                EventType.PARTICIPANT_CREATED,
                participant.id().value(),
                Map.of(
                        "participantId", participant.id().value(),
                        "role", WireEnums.wireName(participant.role()),
                        "name", participant.name(),
                        "createdAt", participant.createdAt()));
    }

    @Override
    public Change suspend(Mode mode, ParticipantId id, Actor actor) {
        return changeStatus(mode, id, ParticipantStatus.SUSPENDED, actor);
    }

    @Override
    public Change reactivate(Mode mode, ParticipantId id, Actor actor) {
        return changeStatus(mode, id, ParticipantStatus.ACTIVE, actor);
    }

    private Change changeStatus(Mode mode, ParticipantId id, ParticipantStatus next, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> current = stores.participants().find(mode, id);
            if (current.isEmpty()) {
                return new Change.Rejected(ChangeParticipant.Rejection.PARTICIPANT_NOT_FOUND);
            }
            if (!current.get().status().canBecome(next)) {
                return new Change.Rejected(ChangeParticipant.Rejection.ALREADY_IN_THAT_STATUS);
            }
            AuditAction action = next == ParticipantStatus.SUSPENDED
                    ? AuditAction.PARTICIPANT_SUSPENDED
                    : AuditAction.PARTICIPANT_REACTIVATED;
            return store(current.get().withStatus(next, clock.now()), actor, action, Map.of());
        });
    }

    @Override
    public Change setBankTimeZone(Mode mode, ParticipantId bankId, ZoneId timeZone, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> current = stores.participants().find(mode, bankId);
            if (current.isEmpty()) {
                return new Change.Rejected(ChangeParticipant.Rejection.PARTICIPANT_NOT_FOUND);
            }
            if (current.get().role() != Role.BANK) {
                return new Change.Rejected(ChangeParticipant.Rejection.NOT_A_BANK);
            }
            String before =
                    ((Profile.BankProfile) current.get().profile()).timeZone().getId();
            return store(
                    current.get().withBankTimeZone(timeZone, clock.now()),
                    actor,
                    AuditAction.BANK_TIME_ZONE_CHANGED,
                    Map.of("from", before, "to", timeZone.getId()));
        });
    }

    private Change store(Participant changed, Actor actor, AuditAction action, Map<String, String> details) {
        if (!stores.participants().update(changed)) {
            return new Change.Rejected(ChangeParticipant.Rejection.CONCURRENT_CHANGE);
        }
        audit.record(changed.mode(), actor, changed.id(), action, details);
        return new Change.Changed(changed);
    }

    @Override
    public Optional<Participant> find(Mode mode, ParticipantId id) {
        Optional<Participant> found = stores.participants().find(mode, id);
        found.ifPresent(p -> Invariants.check(p.mode() == mode, "a store returned another mode's participant"));
        return found;
    }

    @Override
    public Page<Participant> list(Mode mode, ParticipantFilter filter, PageRequest page) {
        Page<Participant> result = stores.participants().list(mode, filter, page);
        Invariants.check(
                result.items().stream().allMatch(p -> p.mode() == mode && filter.matches(p)),
                "a store returned a participant outside the requested mode or filter");
        return result;
    }
}
