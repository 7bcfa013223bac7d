package network.peere.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.SimulatedBankStore;
import network.peere.core.ports.out.SimulatedBankStore.Simulation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SimulatedBankStore} does; one subclass per implementation. */
public abstract class SimulatedBankStoreContract {
    private static final ParticipantId BANK_1 = new ParticipantId("bank_1");
    private static final ParticipantId BANK_2 = new ParticipantId("bank_2");

    private PeereStores stores;
    private SimulatedBankStore banks;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        banks = stores.simulatedBanks();
    }

    @Test
    void a_saved_simulation_is_found_and_listed_by_bank_id() {
        banks.save(new Simulation(BANK_2, Duration.ofSeconds(3)));
        banks.save(new Simulation(BANK_1, Duration.ZERO));

        assertThat(banks.find(BANK_2)).contains(new Simulation(BANK_2, Duration.ofSeconds(3)));
        assertThat(banks.find(new ParticipantId("bank_3"))).isEmpty();
        assertThat(banks.all())
                .containsExactly(new Simulation(BANK_1, Duration.ZERO), new Simulation(BANK_2, Duration.ofSeconds(3)));
    }

    @Test
    void saving_again_replaces_the_delay_and_removing_stops_the_simulation() {
        banks.save(new Simulation(BANK_1, Duration.ofSeconds(3)));
        banks.save(new Simulation(BANK_1, Simulation.DELAY_MAX));

        assertThat(banks.all()).containsExactly(new Simulation(BANK_1, Simulation.DELAY_MAX));

        banks.remove(BANK_1);
        banks.remove(BANK_2);

        assertThat(banks.find(BANK_1)).isEmpty();
        assertThat(banks.all()).isEmpty();
    }

    @Test
    void delays_keep_whole_milliseconds() {
        banks.save(new Simulation(BANK_1, Duration.ofNanos(1_500_999)));

        assertThat(banks.find(BANK_1)).contains(new Simulation(BANK_1, Duration.ofMillis(1)));
    }

    @Test
    void a_rolled_back_transaction_leaves_no_simulation_and_no_change() {
        banks.save(new Simulation(BANK_1, Duration.ofSeconds(3)));

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    banks.save(new Simulation(BANK_2, Duration.ofSeconds(1)));
                    banks.save(new Simulation(BANK_1, Duration.ofSeconds(9)));
                    banks.remove(BANK_1);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(banks.all()).containsExactly(new Simulation(BANK_1, Duration.ofSeconds(3)));
    }
}
