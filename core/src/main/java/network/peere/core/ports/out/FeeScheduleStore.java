package network.peere.core.ports.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.domain.shared.Mode;

/**
 * Fee schedules by owner: a merchant's id, a provider's id (the default for its merchants) or {@link #NETWORK} (the
 * default for everyone). Joins the caller's transaction.
 */
public interface FeeScheduleStore {
    String NETWORK = "network";

    void save(Mode mode, String owner, FeeSchedule schedule);

    /** Forgets an owner's schedule, so the next default applies again. */
    void remove(Mode mode, String owner);

    Optional<FeeSchedule> find(Mode mode, String owner);

    /** The schedules of those of {@code owners} that have one, by owner, in one read. */
    Map<String, FeeSchedule> findAll(Mode mode, List<String> owners);
}
