package network.peere.core.services.billing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.MerchantScope;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.participant.policy.MerchantPolicy;
import network.peere.core.domain.participant.policy.Permission;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.BillingProblem;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.out.PeereStores;

/** Who a billing call acts for, and what the parties of an agreement are allowed to see and do. */
public final class Parties {
    private final PeereStores stores;

    public Parties(PeereStores stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** The merchant a call acts for: the key's own, or the provider's {@code entityId} when it is one of its own. */
    public Result<Participant> actingMerchant(Caller caller) {
        var principal = caller.principal();
        Optional<ParticipantId> merchantId = switch (principal.role()) {
            case MERCHANT -> caller.entityId().isEmpty() ? Optional.of(principal.participantId()) : Optional.empty();
            case PROVIDER -> caller.entityId();
            default -> Optional.empty();
        };
        return merchantId
                .flatMap(id -> stores.participants().find(caller.mode(), id))
                .filter(p -> p.profile() instanceof Profile.MerchantProfile merchant
                        && (principal.role() == Role.MERCHANT || merchant.belongsTo(principal.participantId())))
                .map(Result::ok)
                .orElseGet(() -> Result.refused(BillingProblem.MERCHANT_NOT_FOUND));
    }

    /** {@link #actingMerchant}, allowed to do {@code capability} now (active, trusted in live, trust level). */
    public Result<Participant> actingMerchant(Caller caller, Capability capability) {
        return allowedTo(actingMerchant(caller), capability);
    }

    /**
     * The merchant a call acts for as authentication read it ({@link Caller#authenticated()}), when that is the
     * key's own merchant (no {@code entityId}): no read, but it may be a moment old, so only for a use case that checks
     * its version again before relying on it (a bill, under its agreement's lock).
     */
    public Optional<Participant> authenticatedMerchant(Caller caller) {
        return caller.authenticated()
                .filter(p -> caller.principal().role() == Role.MERCHANT
                        && caller.entityId().isEmpty());
    }

    /** {@code merchant}, if allowed to do {@code capability} (active, trusted in live, trust level). */
    public Result<Participant> allowedTo(Participant merchant, Capability capability) {
        return allowedTo(Result.ok(merchant), capability);
    }

    /** A merchant by id, as now committed, allowed to do {@code capability}. */
    public Result<Participant> merchantAllowedTo(Mode mode, ParticipantId merchantId, Capability capability) {
        return allowedTo(
                stores.participants()
                        .find(mode, merchantId)
                        .filter(p -> p.profile() instanceof Profile.MerchantProfile)
                        .map(Result::ok)
                        .orElseGet(() -> Result.refused(BillingProblem.MERCHANT_NOT_FOUND)),
                capability);
    }

    private static Result<Participant> allowedTo(Result<Participant> merchant, Capability capability) {
        if (merchant instanceof Result.Ok<Participant> ok
                && MerchantPolicy.check(ok.value(), capability) instanceof Permission.Denied denied) {
            return Result.refused(
                    switch (denied.reason()) {
                        case MERCHANT_SUSPENDED -> BillingProblem.MERCHANT_SUSPENDED;
                        case MERCHANT_NOT_TRUSTED -> BillingProblem.MERCHANT_NOT_TRUSTED;
                        case TRUST_LEVEL_TOO_LOW, DEVICE_LOOKUP_DISABLED -> BillingProblem.TRUST_LEVEL_TOO_LOW;
                    });
        }
        return merchant;
    }

    /**
     * The merchants whose agreements and charges a merchant or provider may read: its own, or the provider's (all,
     * left to the store to resolve, or the one named by {@code entityId}).
     */
    public Result<MerchantScope> readableMerchants(Caller caller) {
        var principal = caller.principal();
        if (principal.role() == Role.PROVIDER && caller.entityId().isEmpty()) {
            return Result.ok(new MerchantScope.ProviderMerchants(principal.participantId()));
        }
        return switch (actingMerchant(caller)) {
            case Result.Ok<Participant> ok ->
                Result.ok(new MerchantScope.Merchant(ok.value().id()));
            case Result.Refused<Participant> refused -> refused.refusalAs();
        };
    }

    /**
     * Whether the caller is a party to an object of {@code merchantId} at {@code bankId}: that bank, that merchant, or
     * the merchant's provider (with {@code entityId} naming it, or without).
     */
    public boolean isParty(Caller caller, ParticipantId merchantId, ParticipantId bankId) {
        var principal = caller.principal();
        return switch (principal.role()) {
            case BANK -> principal.participantId().equals(bankId);
            case MERCHANT ->
                principal.participantId().equals(merchantId)
                        && caller.entityId().isEmpty();
            case PROVIDER -> caller.entityId().map(merchantId::equals).orElse(true) && providerOwns(caller, merchantId);
            default -> false;
        };
    }

    private boolean providerOwns(Caller caller, ParticipantId merchantId) {
        return stores.participants()
                .find(caller.mode(), merchantId)
                .filter(p -> p.profile() instanceof Profile.MerchantProfile merchant
                        && merchant.belongsTo(caller.principal().participantId()))
                .isPresent();
    }

    public Optional<Participant> activeBank(Mode mode, ParticipantId bankId) {
        return stores.participants()
                .find(mode, bankId)
                .filter(p -> p.role() == Role.BANK)
                .filter(Participant::isActive);
    }

    public ZoneId zoneOf(Participant bank) {
        return bank.profile() instanceof Profile.BankProfile profile
                ? profile.timeZone()
                : Profile.BankProfile.DEFAULT_TIME_ZONE;
    }

    /** The merchant a charge, agreement, refund or settlement names; its absence is a broken invariant. */
    public Participant merchant(Mode mode, ParticipantId merchantId) {
        return stores.participants()
                .find(mode, merchantId)
                .orElseThrow(() -> new IllegalStateException("no merchant " + merchantId.value() + " in " + mode));
    }

    /** Who hears a merchant's webhooks: the merchant, and its provider when it has one. */
    public List<ParticipantId> merchantSide(Participant merchant) {
        List<ParticipantId> recipients = new ArrayList<>();
        recipients.add(merchant.id());
        providerOf(merchant).ifPresent(recipients::add);
        return recipients;
    }

    /** The merchant's provider, which hears the merchant's webhooks too. */
    private Optional<ParticipantId> providerOf(Participant merchant) {
        return merchant.profile() instanceof Profile.MerchantProfile profile ? profile.providerId() : Optional.empty();
    }
}
