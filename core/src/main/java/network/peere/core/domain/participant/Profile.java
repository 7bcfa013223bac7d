package network.peere.core.domain.participant;

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

    /** A merchant belongs to a provider or is direct (then its trust is set by the operator). */
    record MerchantProfile(Optional<ParticipantId> providerId, MerchantTrust trust, ContactDetails contact)
            implements Profile {
        public MerchantProfile {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(contact, "contact");
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
