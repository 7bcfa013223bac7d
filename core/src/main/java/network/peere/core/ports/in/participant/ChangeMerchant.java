package network.peere.core.ports.in.participant;

import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.MerchantTrust;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;

/**
 * A provider edits its merchants' profiles and sets their trust; the operator sets any merchant's trust (direct
 * merchants' trust is set by the operator alone).
 */
public interface ChangeMerchant {
    Change updateDetails(Mode mode, Scope scope, ParticipantId merchantId, DetailsChange change, Actor actor);

    Change setTrust(Mode mode, Scope scope, ParticipantId merchantId, TrustChange change, Actor actor);

    /** Whose merchants the caller may change. */
    sealed interface Scope {
        record OfProvider(ParticipantId providerId) implements Scope {
            public OfProvider {
                Objects.requireNonNull(providerId, "providerId");
            }
        }

        /** The network operator: every merchant of the mode. */
        record Network() implements Scope {}
    }

    /** Present values replace the current ones; empty ones keep them (contact and business details field by field). */
    record DetailsChange(
            Optional<String> name, Optional<String> email, ContactDetails contact, BusinessDetails business) {
        public DetailsChange {
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(business, "business");
            name.ifPresent(n -> {
                if (!Participant.isValidName(n)) {
                    throw new IllegalArgumentException("invalid name");
                }
            });
            email.ifPresent(e -> {
                if (!Participant.isValidEmail(e)) {
                    throw new IllegalArgumentException("invalid email");
                }
            });
        }
    }

    /** What to set; at least one part. Setting trust records when it was last verified, even if nothing changed. */
    record TrustChange(
            Optional<MerchantTrust.Trusted> trusted,
            Optional<TrustLevel> level,
            Optional<MerchantTrust.DeviceLookup> deviceLookup) {
        public TrustChange {
            Objects.requireNonNull(trusted, "trusted");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(deviceLookup, "deviceLookup");
            if (trusted.isEmpty() && level.isEmpty() && deviceLookup.isEmpty()) {
                throw new IllegalArgumentException("a trust change sets at least one of trusted, level, deviceLookup");
            }
        }

        public MerchantTrust applyTo(MerchantTrust current) {
            return new MerchantTrust(
                    trusted.orElse(current.trusted()),
                    level.orElse(current.level()),
                    deviceLookup.orElse(current.deviceLookup()));
        }
    }

    sealed interface Change {
        record Changed(Participant merchant) implements Change {
            public Changed {
                Objects.requireNonNull(merchant, "merchant");
            }
        }

        record Rejected(Rejection reason) implements Change {}
    }

    /** In precedence order. */
    enum Rejection {
        /** Unknown, not a merchant, or not the calling provider's: the same answer, so nothing leaks. */
        MERCHANT_NOT_FOUND,
        /** Someone else changed the merchant between our read and our write; retrying is safe. */
        CONCURRENT_CHANGE
    }
}
