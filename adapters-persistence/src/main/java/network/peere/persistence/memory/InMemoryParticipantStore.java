package network.peere.persistence.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.peere.core.domain.participant.MerchantFilter;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantFilter;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.shared.Page;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.ports.out.ParticipantStore;

/** Participants in a map, behaving as the {@code participants} table does (its contract tests say how). */
final class InMemoryParticipantStore implements ParticipantStore {
    /** Newest first, then id descending: the SQL order, whose binary collation compares ids as Java does. */
    private static final Comparator<Participant> NEWEST_FIRST = Comparator.comparing(Participant::createdAt)
            .thenComparing(participant -> participant.id().value())
            .reversed();

    private final InMemoryTransactor transactor;

    /** Keyed by id alone, as the table's primary key is: an id is unique across modes. Guarded by the transactor. */
    private final Map<ParticipantId, Participant> rows = new HashMap<>();

    InMemoryParticipantStore(InMemoryTransactor transactor) {
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    @Override
    public void insert(Participant participant) {
        Participant row = stored(participant);
        transactor.useTransaction(() -> {
            if (rows.containsKey(row.id())) {
                throw new IllegalStateException("duplicate participant id " + row.id());
            }
            // Like the unique index on (mode, provider_id, ref).
            if (row.profile() instanceof Profile.MerchantProfile merchant
                    && merchant.ref().isPresent()
                    && merchant.providerId().isPresent()
                    && findMerchantByRef(
                                    row.mode(),
                                    merchant.providerId().get(),
                                    merchant.ref().get())
                            .isPresent()) {
                throw new IllegalStateException(
                        "duplicate ref " + merchant.ref().get() + " for its provider");
            }
            rows.put(row.id(), row);
            transactor.onRollback(() -> rows.remove(row.id()));
        });
    }

    @Override
    public boolean update(Participant changed) {
        Participant row = stored(changed);
        return transactor.inTransaction(() -> {
            Participant current = rows.get(row.id());
            boolean stillExpected = current != null
                    && current.mode() == row.mode()
                    && current.role() == row.role()
                    && current.version() == row.version() - 1;
            if (!stillExpected) {
                return false;
            }
            // Like the SQL update, which never touches created_at.
            Participant next = new Participant(
                    row.id(),
                    row.mode(),
                    row.name(),
                    row.email(),
                    row.status(),
                    row.profile(),
                    current.createdAt(),
                    row.updatedAt(),
                    row.version());
            rows.put(row.id(), next);
            transactor.onRollback(() -> rows.put(row.id(), current));
            return true;
        });
    }

    @Override
    public Optional<Participant> find(Mode mode, ParticipantId id) {
        return transactor.inTransaction(
                () -> Optional.ofNullable(rows.get(id)).filter(participant -> participant.mode() == mode));
    }

    @Override
    public Page<Participant> list(Mode mode, ParticipantFilter filter, PageRequest page) {
        return transactor.inTransaction(() -> {
            List<Participant> matches = rows.values().stream()
                    .filter(participant -> participant.mode() == mode && filter.matches(participant))
                    .sorted(NEWEST_FIRST)
                    .toList();
            List<Participant> items =
                    matches.stream().skip(page.offset()).limit(page.limit()).toList();
            return new Page<>(items, matches.size());
        });
    }

    @Override
    public Page<Participant> listMerchantsOf(
            Mode mode, ParticipantId providerId, MerchantFilter filter, PageRequest page) {
        return transactor.inTransaction(() -> {
            List<Participant> matches = rows.values().stream()
                    .filter(participant -> participant.mode() == mode
                            && isMerchantOf(participant, providerId)
                            && filter.matches(participant))
                    .sorted(NEWEST_FIRST)
                    .toList();
            List<Participant> items =
                    matches.stream().skip(page.offset()).limit(page.limit()).toList();
            return new Page<>(items, matches.size());
        });
    }

    @Override
    public Optional<Participant> findMerchantByRef(Mode mode, ParticipantId providerId, String ref) {
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(participant -> participant.mode() == mode
                        && isMerchantOf(participant, providerId)
                        && ((Profile.MerchantProfile) participant.profile())
                                .ref()
                                .filter(ref::equals)
                                .isPresent())
                .findFirst());
    }

    @Override
    public Optional<Participant> findMerchantByEmail(Mode mode, ParticipantId providerId, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return transactor.inTransaction(() -> rows.values().stream()
                .filter(participant -> participant.mode() == mode
                        && isMerchantOf(participant, providerId)
                        && participant.email().toLowerCase(Locale.ROOT).equals(wanted))
                .min(NEWEST_FIRST.reversed()));
    }

    private static boolean isMerchantOf(Participant participant, ParticipantId providerId) {
        return participant.profile() instanceof Profile.MerchantProfile merchant && merchant.belongsTo(providerId);
    }

    private static Participant stored(Participant participant) {
        return new Participant(
                participant.id(),
                participant.mode(),
                participant.name(),
                participant.email(),
                participant.status(),
                stored(participant.profile()),
                Micros.truncate(participant.createdAt()),
                Micros.truncate(participant.updatedAt()),
                participant.version());
    }

    /** A merchant's trust time keeps microseconds, as its column does. */
    private static Profile stored(Profile profile) {
        if (profile instanceof Profile.MerchantProfile merchant
                && merchant.trustSetAt().isPresent()) {
            return merchant.withTrust(
                    merchant.trust(), Micros.truncate(merchant.trustSetAt().get()));
        }
        return profile;
    }
}
