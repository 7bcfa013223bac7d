package network.peere.core.services.identity;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.identity.Customer;
import network.peere.core.domain.identity.DeviceId;
import network.peere.core.domain.identity.Email;
import network.peere.core.domain.identity.Identity;
import network.peere.core.domain.identity.LookupPhraseClaims;
import network.peere.core.domain.identity.Masking;
import network.peere.core.domain.identity.ReachableCustomer;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.participant.policy.Capability;
import network.peere.core.domain.participant.policy.MerchantPolicy;
import network.peere.core.domain.participant.policy.Permission;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.identity.LookUpCustomer;
import network.peere.core.ports.in.identity.ResolvePhrase;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.PhraseSealer;

/**
 * Merchants find customers by e-mail, phone or device and get phrases scoped to themselves; phrases resolve back to
 * the customer. Lookups only read (the store's cache makes the common case one memory hit) and write nothing: the
 * phrase is sealed, not stored.
 */
public final class LookupService implements LookUpCustomer, ResolvePhrase {
    private final PeereStores stores;
    private final PhraseSealer sealer;
    private final PhoneNumbers phones = new PhoneNumbers();

    public LookupService(PeereStores stores, PhraseSealer sealer) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    @Override
    public Lookup lookUp(Query query) {
        Optional<Identity> identity = identity(query.kind(), query.value());
        if (identity.isEmpty()) {
            return new Lookup.Rejected(LookUpCustomer.Rejection.INVALID_IDENTITY);
        }
        // A merchant's own key was checked (active, a merchant) when it authenticated: its e-mail and phone lookups,
        // the hot path, need no participant read. Providers' merchants and device lookups (trust) do.
        boolean needsMerchant = query.callerRole() != Role.MERCHANT || query.kind() == Kind.DEVICE;
        Optional<Participant> merchant = needsMerchant ? actingMerchant(query) : Optional.empty();
        if (needsMerchant && merchant.isEmpty()) {
            return new Lookup.Rejected(LookUpCustomer.Rejection.MERCHANT_NOT_FOUND);
        }
        if (query.kind() == Kind.DEVICE && !mayLookUpDevices(merchant.orElseThrow())) {
            return new Lookup.Rejected(LookUpCustomer.Rejection.DEVICE_LOOKUP_NOT_ALLOWED);
        }
        ParticipantId merchantId = merchant.map(Participant::id).orElse(query.callerId());
        List<BankMatch> banks = stores.customers().findByIdentity(query.mode(), identity.get()).stream()
                .sorted(Comparator.comparing(
                                (ReachableCustomer r) -> r.customer().bankId().value())
                        .thenComparing(r -> r.customer().id().value()))
                .map(reachable -> match(reachable, merchantId))
                .toList();
        return banks.isEmpty()
                ? new Lookup.Rejected(LookUpCustomer.Rejection.CUSTOMER_NOT_FOUND)
                : new Lookup.Found(banks);
    }

    /**
     * The one place that decides whether a merchant may look customers up by device (spec/decisions.md, "Trust"):
     * trust level {@code enhanced} or above, and device lookup not switched off — asked of the shared merchant policy.
     */
    private static boolean mayLookUpDevices(Participant merchant) {
        return MerchantPolicy.check(merchant, Capability.LOOK_UP_BY_DEVICE) instanceof Permission.Allowed;
    }

    private Optional<Identity> identity(Kind kind, String value) {
        return switch (kind) {
            case EMAIL -> Email.parse(value).map(Identity.ByEmail::new);
            case PHONE -> phones.parse(value, Optional.empty()).map(Identity.ByPhone::new);
            case DEVICE ->
                DeviceId.isWellFormed(value)
                        ? Optional.of(new Identity.ByDevice(new DeviceId(value)))
                        : Optional.empty();
        };
    }

    /** The key's own merchant, or the provider's {@code entityId} when it is an active merchant of that provider. */
    private Optional<Participant> actingMerchant(Query query) {
        ParticipantId merchantId =
                query.callerRole() == Role.PROVIDER ? query.entityId().orElse(null) : query.callerId();
        if (merchantId == null) {
            return Optional.empty();
        }
        return stores.participants()
                .find(query.mode(), merchantId)
                .filter(Participant::isActive)
                .filter(p -> p.profile() instanceof Profile.MerchantProfile merchant
                        && (query.callerRole() == Role.MERCHANT
                                || merchant.providerId().equals(Optional.of(query.callerId()))));
    }

    private BankMatch match(ReachableCustomer reachable, ParticipantId merchantId) {
        Customer customer = reachable.customer();
        var details = customer.details();
        return new BankMatch(
                customer.bankId(),
                reachable.bankName(),
                Masking.accountName(details.accountName()),
                Masking.customerName(details.firstname(), details.lastname()),
                sealer.seal(new LookupPhraseClaims(customer.mode(), customer.bankId(), customer.id(), merchantId)));
    }

    @Override
    public Resolution forMerchant(Mode mode, ParticipantId merchantId, String phrase) {
        Optional<LookupPhraseClaims> claims = sealer.open(phrase);
        if (claims.isEmpty()) {
            return new Resolution.Refused(Reason.UNKNOWN_PHRASE);
        }
        if (claims.get().mode() != mode || !claims.get().merchantId().equals(merchantId)) {
            return new Resolution.Refused(Reason.NOT_YOURS);
        }
        return resolved(claims.get());
    }

    @Override
    public Resolution forBank(Mode mode, ParticipantId bankId, String phrase) {
        if (phrase.startsWith(Customer.PHRASE_PREFIX + "_")) {
            return stores.customers()
                    .findByPhrase(mode, bankId, phrase)
                    .<Resolution>map(Resolution.Resolved::new)
                    .orElseGet(() -> new Resolution.Refused(Reason.UNKNOWN_PHRASE));
        }
        Optional<LookupPhraseClaims> claims = sealer.open(phrase);
        if (claims.isEmpty()) {
            return new Resolution.Refused(Reason.UNKNOWN_PHRASE);
        }
        if (claims.get().mode() != mode || !claims.get().bankId().equals(bankId)) {
            return new Resolution.Refused(Reason.NOT_YOURS);
        }
        return resolved(claims.get());
    }

    private Resolution resolved(LookupPhraseClaims claims) {
        return stores.customers()
                .find(claims.mode(), claims.bankId(), claims.customerId())
                .<Resolution>map(Resolution.Resolved::new)
                .orElseGet(() -> new Resolution.Refused(Reason.CUSTOMER_GONE));
    }
}
