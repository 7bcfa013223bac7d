package network.peere.core.ports.in.participant;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.audit.Actor;
import network.peere.core.domain.participant.BusinessDetails;
import network.peere.core.domain.participant.ContactDetails;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;

/**
 * A provider brings a batch of merchants onto the network. Each merchant succeeds or fails on its own, in request
 * order; a merchant that is not created writes nothing. New merchants are {@code trusted}, {@code basic} and have
 * device lookup enabled, until the provider sets their trust.
 */
public interface OnboardMerchants {
    int MERCHANTS_PER_BATCH_MAX = 100;

    Onboarding onboard(Command command);

    /** One merchant to create; {@code ref} is the provider's own reference for it, unique per provider. */
    record NewMerchant(
            String name, String email, Optional<String> ref, ContactDetails contact, BusinessDetails business) {
        public NewMerchant {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(business, "business");
            if (!Participant.isValidName(name)) {
                throw new IllegalArgumentException("invalid name");
            }
            if (!Participant.isValidEmail(email)) {
                throw new IllegalArgumentException("invalid email");
            }
            ref.ifPresent(r -> {
                if (!Profile.MerchantProfile.isValidRef(r)) {
                    throw new IllegalArgumentException("invalid ref");
                }
            });
        }
    }

    record Command(Mode mode, ParticipantId providerId, List<NewMerchant> merchants, Actor actor) {
        public Command {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(actor, "actor");
            merchants = List.copyOf(merchants);
            if (merchants.isEmpty() || merchants.size() > MERCHANTS_PER_BATCH_MAX) {
                throw new IllegalArgumentException("1-" + MERCHANTS_PER_BATCH_MAX + " merchants per batch");
            }
        }
    }

    sealed interface Onboarding {
        /** One outcome per merchant of the command, in its order. */
        record Processed(List<Outcome> outcomes) implements Onboarding {
            public Processed {
                outcomes = List.copyOf(outcomes);
            }
        }

        record Rejected(Rejection reason) implements Onboarding {}
    }

    sealed interface Outcome {
        record Created(Participant merchant) implements Outcome {}

        /** The provider already has this merchant; {@code existing} is it, so a re-sent batch can be reconciled. */
        record Duplicate(Duplication reason, ParticipantId existing) implements Outcome {}
    }

    /** In precedence order. */
    enum Duplication {
        /** Another merchant of the provider has the same {@code ref}. */
        SAME_REF,
        /** Another merchant of the provider has the same e-mail address (compared case-insensitively). */
        SAME_EMAIL
    }

    /** In precedence order: the whole batch is refused and nothing is written. */
    enum Rejection {
        PROVIDER_NOT_FOUND,
        PROVIDER_SUSPENDED
    }
}
