package network.peere.core.domain.participant;

import java.util.Objects;

/**
 * Whose agreements, charges, refunds, settlements and schedules a list covers: one merchant's, or those of every
 * merchant a provider has. A store resolves a provider's merchants itself, in the same statement as the list and as
 * the participants are then, so a provider with 50,000 merchants costs one query, not 50,000 ids read and bound.
 */
public sealed interface MerchantScope {
    /** That merchant's own objects; who may read them is decided before (the caller is it, or its provider). */
    record Merchant(ParticipantId id) implements MerchantScope {
        public Merchant {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The objects of every merchant whose provider is {@code providerId} when the store reads (in the list's mode); a
     * merchant moved to another provider follows its current one.
     */
    record ProviderMerchants(ParticipantId providerId) implements MerchantScope {
        public ProviderMerchants {
            Objects.requireNonNull(providerId, "providerId");
        }
    }
}
