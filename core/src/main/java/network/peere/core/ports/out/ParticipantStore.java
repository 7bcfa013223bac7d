package network.peere.core.ports.out;

import java.util.Optional;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;

/** Banks, providers, merchants and operators. Every method is scoped to one mode. */
public interface ParticipantStore {
    void insert(Participant participant);

    /**
     * Stores a changed participant only if the stored one is still at {@code changed.version() - 1} (optimistic
     * lock), so two concurrent changes never silently overwrite each other.
     *
     * @return false when someone else changed it first, or it does not exist in that mode
     */
    boolean update(Participant changed);

    Optional<Participant> find(Mode mode, ParticipantId id);

    /** Newest first, then by id. */
    Page<Participant> list(Mode mode, ParticipantFilter filter, PageRequest page);

    /** The merchants of one provider that match the filter, newest first, then by id. */
    Page<Participant> listMerchantsOf(Mode mode, ParticipantId providerId, MerchantFilter filter, PageRequest page);

    /** The provider's merchant with that {@code ref} (exact match), if any. */
    Optional<Participant> findMerchantByRef(Mode mode, ParticipantId providerId, String ref);

    /** A merchant of the provider with that e-mail address, compared case-insensitively; the oldest if several. */
    Optional<Participant> findMerchantByEmail(Mode mode, ParticipantId providerId, String email);
}
