package network.peere.core.services.participant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.audit.AuditAction;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Invariants;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;
import network.peere.core.ports.in.participant.ChangeMerchant;
import network.peere.core.ports.in.participant.FindProviderMerchants;
import network.peere.core.ports.in.participant.OnboardMerchants;
import network.peere.core.ports.in.webhook.PublishEvents;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.IdGenerator;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.services.audit.AuditTrail;

/** What a provider does with its merchants, and the operator's hand on any merchant's trust. */
public final class MerchantService implements OnboardMerchants, FindProviderMerchants, ChangeMerchant {
    /** A provider's new merchant starts trusted at the lowest level; the provider raises it when it has checked. */
    private static final MerchantTrust NEW_MERCHANT_TRUST = MerchantTrust.of(TrustLevel.BASIC);

    private final PeereStores stores;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditTrail audit;
    private final PublishEvents events;

    public MerchantService(PeereStores stores, Clock clock, IdGenerator ids, AuditTrail audit, PublishEvents events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Onboarding onboard(OnboardMerchants.Command command) {
        Optional<Participant> provider =
                stores.participants().find(command.mode(), command.providerId()).filter(p -> p.role() == Role.PROVIDER);
        if (provider.isEmpty()) {
            return new Onboarding.Rejected(OnboardMerchants.Rejection.PROVIDER_NOT_FOUND);
        }
        if (!provider.get().isActive()) {
            return new Onboarding.Rejected(OnboardMerchants.Rejection.PROVIDER_SUSPENDED);
        }
        List<Outcome> outcomes = new ArrayList<>();
        // One transaction per merchant: each succeeds or fails on its own, and an earlier merchant of the same batch
        // is already visible to the duplicate checks of the later ones.
        for (NewMerchant merchant : command.merchants()) {
            outcomes.add(stores.transactor().inTransaction(() -> onboardOne(command, merchant)));
        }
        return new Onboarding.Processed(outcomes);
    }

    private Outcome onboardOne(OnboardMerchants.Command command, NewMerchant merchant) {
        Mode mode = command.mode();
        ParticipantId providerId = command.providerId();
        Optional<Participant> sameRef =
                merchant.ref().flatMap(ref -> stores.participants().findMerchantByRef(mode, providerId, ref));
        if (sameRef.isPresent()) {
            return new Outcome.Duplicate(Duplication.SAME_REF, sameRef.get().id());
        }
        Optional<Participant> sameEmail = stores.participants()
                .findMerchantByEmail(mode, providerId, merchant.email().trim());
        if (sameEmail.isPresent()) {
            return new Outcome.Duplicate(Duplication.SAME_EMAIL, sameEmail.get().id());
        }
        var profile = new Profile.MerchantProfile(
                Optional.of(providerId),
                merchant.ref(),
                NEW_MERCHANT_TRUST,
                Optional.empty(),
                merchant.contact(),
                merchant.business());
        var created = Participant.register(
                new ParticipantId(ids.newId(Role.MERCHANT.idPrefix())),
                mode,
                merchant.name().trim(),
                merchant.email().trim(),
                profile,
                clock.now());
        stores.participants().insert(created);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("role", WireEnums.wireName(Role.MERCHANT));
        details.put("name", created.name());
        details.put("providerId", providerId.value());
        merchant.ref().ifPresent(ref -> details.put("ref", ref));
        audit.record(mode, command.actor(), created.id(), AuditAction.PARTICIPANT_CREATED, details);
        ParticipantService.announceCreated(events, created);
        return new Outcome.Created(created);
    }

    @Override
    public Optional<Participant> find(Mode mode, ParticipantId providerId, ParticipantId merchantId) {
        return stores.participants().find(mode, merchantId).filter(p -> isMerchantOf(p, providerId));
    }

    @Override
    public Page<Participant> list(Mode mode, ParticipantId providerId, MerchantFilter filter, PageRequest page) {
        Page<Participant> result = stores.participants().listMerchantsOf(mode, providerId, filter, page);
        Invariants.check(
                result.items().stream()
                        .allMatch(p -> p.mode() == mode && isMerchantOf(p, providerId) && filter.matches(p)),
                "a store returned a merchant outside the provider, mode or filter");
        return result;
    }

    @Override
    public Change updateDetails(Mode mode, Scope scope, ParticipantId merchantId, DetailsChange change, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> current = merchantInScope(mode, scope, merchantId);
            if (current.isEmpty()) {
                return new Change.Rejected(ChangeMerchant.Rejection.MERCHANT_NOT_FOUND);
            }
            Participant before = current.get();
            var profile = (Profile.MerchantProfile) before.profile();
            Participant after = before.withMerchantDetails(
                    change.name().map(String::trim).orElse(before.name()),
                    change.email().map(String::trim).orElse(before.email()),
                    profile.contact().updatedWith(change.contact()),
                    profile.business().updatedWith(change.business()),
                    clock.now());
            return store(after, actor, AuditAction.PARTICIPANT_UPDATED, Map.of("fields", changedFields(change)));
        });
    }

    @Override
    public Change setTrust(Mode mode, Scope scope, ParticipantId merchantId, TrustChange change, Actor actor) {
        return stores.transactor().inTransaction(() -> {
            Optional<Participant> current = merchantInScope(mode, scope, merchantId);
            if (current.isEmpty()) {
                return new Change.Rejected(ChangeMerchant.Rejection.MERCHANT_NOT_FOUND);
            }
            MerchantTrust before = ((Profile.MerchantProfile) current.get().profile()).trust();
            MerchantTrust after = change.applyTo(before);
            Instant now = clock.now();
            return store(
                    current.get().withMerchantTrust(after, now),
                    actor,
                    AuditAction.MERCHANT_TRUST_CHANGED,
                    trustDetails(before, after));
        });
    }

    private Optional<Participant> merchantInScope(Mode mode, Scope scope, ParticipantId merchantId) {
        Optional<Participant> found = stores.participants().find(mode, merchantId);
        return switch (scope) {
            case Scope.OfProvider provider -> found.filter(p -> isMerchantOf(p, provider.providerId()));
            case Scope.Network network -> found.filter(p -> p.role() == Role.MERCHANT);
        };
    }

    private Change store(Participant changed, Actor actor, AuditAction action, Map<String, String> details) {
        if (!stores.participants().update(changed)) {
            return new Change.Rejected(ChangeMerchant.Rejection.CONCURRENT_CHANGE);
        }
        audit.record(changed.mode(), actor, changed.id(), action, details);
        return new Change.Changed(changed);
    }

    private static boolean isMerchantOf(Participant participant, ParticipantId providerId) {
        return participant.profile() instanceof Profile.MerchantProfile merchant && merchant.belongsTo(providerId);
    }

    /** Before and after of every part of the trust, so the audit log shows what a change did at a glance. */
    private static Map<String, String> trustDetails(MerchantTrust before, MerchantTrust after) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("trustedBefore", Boolean.toString(before.isTrusted()));
        details.put("trustedAfter", Boolean.toString(after.isTrusted()));
        details.put("trustLevelBefore", WireEnums.wireName(before.level()));
        details.put("trustLevelAfter", WireEnums.wireName(after.level()));
        details.put("deviceLookupEnabledBefore", Boolean.toString(before.deviceLookupEnabled()));
        details.put("deviceLookupEnabledAfter", Boolean.toString(after.deviceLookupEnabled()));
        return details;
    }

    private static String changedFields(DetailsChange change) {
        List<String> fields = new ArrayList<>();
        change.name().ifPresent(v -> fields.add("name"));
        change.email().ifPresent(v -> fields.add("email"));
        change.contact().phone().ifPresent(v -> fields.add("phone"));
        change.business().address().ifPresent(v -> fields.add("address"));
        change.contact().website().ifPresent(v -> fields.add("website"));
        change.contact().description().ifPresent(v -> fields.add("description"));
        change.contact().icon().ifPresent(v -> fields.add("icon"));
        change.business().registrationNumber().ifPresent(v -> fields.add("registrationNumber"));
        change.business().industry().ifPresent(v -> fields.add("industry"));
        change.contact().country().ifPresent(v -> fields.add("country"));
        change.contact().state().ifPresent(v -> fields.add("state"));
        return String.join(",", fields);
    }
}
