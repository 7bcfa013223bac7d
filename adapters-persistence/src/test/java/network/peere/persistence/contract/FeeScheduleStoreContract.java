package network.peere.persistence.contract;

import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.peere.core.domain.fees.FeeSchedule;
import network.peere.core.ports.out.FeeScheduleStore;
import network.peere.core.ports.out.PeereStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FeeScheduleStore} does; one subclass per implementation. */
public abstract class FeeScheduleStoreContract {
    private static final FeeSchedule CAPPED = new FeeSchedule(125, 10, 50, Optional.of(2_000L));
    private static final FeeSchedule UNCAPPED = new FeeSchedule(10_000, 0, 0, Optional.empty());

    private PeereStores stores;
    private FeeScheduleStore schedules;

    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        schedules = stores.feeSchedules();
    }

    @Test
    void a_schedule_reads_back_with_or_without_a_cap() {
        schedules.save(LIVE, "mer_1", CAPPED);
        schedules.save(LIVE, FeeScheduleStore.NETWORK, UNCAPPED);

        assertThat(schedules.find(LIVE, "mer_1")).contains(CAPPED);
        assertThat(schedules.find(LIVE, FeeScheduleStore.NETWORK)).contains(UNCAPPED);
        assertThat(schedules.find(LIVE, "mer_2")).isEmpty();
    }

    @Test
    void several_owners_read_at_once_give_those_that_have_a_schedule_in_that_mode() {
        schedules.save(LIVE, "mer_1", CAPPED);
        schedules.save(LIVE, FeeScheduleStore.NETWORK, UNCAPPED);
        schedules.save(SANDBOX, "pro_1", CAPPED);

        assertThat(schedules.findAll(LIVE, List.of("mer_1", "pro_1", FeeScheduleStore.NETWORK)))
                .isEqualTo(Map.of("mer_1", CAPPED, FeeScheduleStore.NETWORK, UNCAPPED));
        assertThat(schedules.findAll(SANDBOX, List.of("mer_1", "pro_1"))).isEqualTo(Map.of("pro_1", CAPPED));
        assertThat(schedules.findAll(LIVE, List.of("mer_9"))).isEmpty();
        assertThat(schedules.findAll(LIVE, List.of())).isEmpty();
    }

    @Test
    void saving_again_replaces_the_owners_schedule() {
        schedules.save(LIVE, "pro_1", CAPPED);
        schedules.save(LIVE, "pro_1", UNCAPPED);

        assertThat(schedules.find(LIVE, "pro_1")).contains(UNCAPPED);
    }

    @Test
    void removing_forgets_only_that_owners_schedule_in_that_mode() {
        schedules.save(LIVE, "mer_1", CAPPED);
        schedules.save(LIVE, "mer_2", CAPPED);
        schedules.save(SANDBOX, "mer_1", UNCAPPED);

        schedules.remove(LIVE, "mer_1");
        schedules.remove(LIVE, "mer_9");

        assertThat(schedules.find(LIVE, "mer_1")).isEmpty();
        assertThat(schedules.find(LIVE, "mer_2")).contains(CAPPED);
        assertThat(schedules.find(SANDBOX, "mer_1")).contains(UNCAPPED);
    }

    @Test
    void modes_keep_separate_schedules() {
        schedules.save(SANDBOX, FeeScheduleStore.NETWORK, CAPPED);

        assertThat(schedules.find(LIVE, FeeScheduleStore.NETWORK)).isEmpty();
    }

    @Test
    void a_rolled_back_change_leaves_the_schedule_as_it_was() {
        schedules.save(LIVE, "mer_1", CAPPED);

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    schedules.save(LIVE, "mer_1", UNCAPPED);
                    schedules.save(LIVE, "mer_2", UNCAPPED);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    schedules.remove(LIVE, "mer_1");
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(schedules.find(LIVE, "mer_1")).contains(CAPPED);
        assertThat(schedules.find(LIVE, "mer_2")).isEmpty();
    }
}
