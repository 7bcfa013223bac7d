package network.peere.core.domain.participant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/** What only one role has; the profile's type decides the participant's role. */
public sealed interface Profile {
    Role role();

    /** Banks answer for their customers; calendar limit windows run in the bank's time zone. */
    record BankProfile(ZoneId timeZone) implements Profile {
        public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Africa/Lagos");

        public BankProfile {
            Objects.requireNonNull(timeZone, "timeZone");
        }

        @Override
        public Role role() {
            return Role.BANK;
        }
    }

    record ProviderProfile() implements Profile {
        @Override
        public Role role() {
            return Role.PROVIDER;
        }
    }

    /**
     * A merchant belongs to a provider or is direct (then its trust is set by the operator). {@code ref} is the
     * provider's own reference for the merchant, unique per provider and mode. {@code trustSetAt} is when the trust
     * was last set (the public docs' {@code lastVerified}); it is empty only in a profile that has not been
     * registered yet, and {@link Participant#register} stamps it.
     */
    record MerchantProfile(
            Optional<ParticipantId> providerId,
            Optional<String> ref,
            MerchantTrust trust,
            Optional<Instant> trustSetAt,
            ContactDetails contact,
            BusinessDetails business)
            implements Profile {
        public static final int REF_LENGTH_MAX = 100;

        public MerchantProfile {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(trustSetAt, "trustSetAt");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(business, "business");
            ref.ifPresent(r -> {
                if (!isValidRef(r)) {
                    throw new IllegalArgumentException("ref must be 1-" + REF_LENGTH_MAX + " characters");
                }
            });
            if (ref.isPresent() && providerId.isEmpty()) {
                throw new IllegalArgumentException("only a provider's merchant has a ref");
            }
        }

        /** A profile to register: no ref, no business details; registration stamps the trust time. */
        public MerchantProfile(Optional<ParticipantId> providerId, MerchantTrust trust, ContactDetails contact) {
            this(providerId, Optional.empty(), trust, Optional.empty(), contact, BusinessDetails.none());
        }

        public static boolean isValidRef(String ref) {
            return ref != null && !ref.isBlank() && ref.length() <= REF_LENGTH_MAX;
        }

        public boolean belongsTo(ParticipantId provider) {
            return providerId.filter(provider::equals).isPresent();
        }

        public MerchantProfile withTrust(MerchantTrust next, Instant setAt) {
            return new MerchantProfile(providerId, ref, next, Optional.of(setAt), contact, business);
        }

        public MerchantProfile withDetails(ContactDetails nextContact, BusinessDetails nextBusiness) {
            return new MerchantProfile(providerId, ref, trust, trustSetAt, nextContact, nextBusiness);
        }

        @Override
        public Role role() {
            return Role.MERCHANT;
        }
    }

    record OperatorProfile() implements Profile {
        @Override
        public Role role() {
            return Role.OPERATOR;
        }
    }
}
