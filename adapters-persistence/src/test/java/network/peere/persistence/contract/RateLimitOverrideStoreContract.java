package network.peere.persistence.contract;

import static network.peere.core.domain.ratelimit.RateClass.BATCH;
import static network.peere.core.domain.ratelimit.RateClass.READ;
import static network.peere.core.domain.ratelimit.RateClass.STANDARD;
import static network.peere.core.domain.shared.Mode.LIVE;
import static network.peere.core.domain.shared.Mode.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.ratelimit.RateLimit;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.ports.out.PeereStores;
import network.peere.core.ports.out.RateLimitOverrideStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimitOverrideStore} does; one subclass per implementation. */
public abstract class RateLimitOverrideStoreContract {
    private static final ParticipantId MERCHANT = new ParticipantId("mer_1");
    private static final ParticipantId SOMEONE_ELSE = new ParticipantId("mer_2");
    private static final RateLimitOverride EVERY_CLASS = new RateLimitOverride(Map.of(
            STANDARD, new RateLimit(1000, 50),
            BATCH, new RateLimit(20, 4),
            READ, new RateLimit(RateLimit.PER_MINUTE_MAX, RateLimit.PER_MINUTE_MAX)));
    private static final RateLimitOverride READS_ONLY = new RateLimitOverride(Map.of(READ, new RateLimit(5, 5)));

    private PeereStores stores;
    private RateLimitOverrideStore overrides;

    /** Empty stores, not shared with any other test. */
    protected abstract PeereStores freshStores();

    @BeforeEach
    void setUpStores() {
        stores = freshStores();
        overrides = stores.rateLimitOverrides();
    }

    @Test
    void a_participant_without_an_override_has_none() {
        assertThat(overrides.find(LIVE, MERCHANT)).isEmpty();
    }

    @Test
    void keeps_an_override_of_every_class() {
        overrides.save(LIVE, MERCHANT, EVERY_CLASS);

        assertThat(overrides.find(LIVE, MERCHANT)).contains(EVERY_CLASS);
    }

    @Test
    void saving_again_replaces_the_whole_override() {
        overrides.save(LIVE, MERCHANT, EVERY_CLASS);
        overrides.save(LIVE, MERCHANT, READS_ONLY);

        assertThat(overrides.find(LIVE, MERCHANT)).contains(READS_ONLY);
    }

    @Test
    void clearing_removes_the_override_once() {
        overrides.save(LIVE, MERCHANT, EVERY_CLASS);

        assertThat(overrides.clear(LIVE, MERCHANT)).isTrue();
        assertThat(overrides.find(LIVE, MERCHANT)).isEmpty();
        assertThat(overrides.clear(LIVE, MERCHANT)).isFalse();
    }

    @Test
    void an_override_belongs_to_one_participant() {
        overrides.save(LIVE, MERCHANT, READS_ONLY);
        overrides.save(LIVE, SOMEONE_ELSE, EVERY_CLASS);

        overrides.clear(LIVE, SOMEONE_ELSE);

        assertThat(overrides.find(LIVE, MERCHANT)).contains(READS_ONLY);
        assertThat(overrides.find(LIVE, SOMEONE_ELSE)).isEmpty();
    }

    @Test
    void a_sandbox_override_is_invisible_in_live_and_cannot_be_cleared_through_it() {
        overrides.save(SANDBOX, MERCHANT, READS_ONLY);

        assertThat(overrides.find(LIVE, MERCHANT)).isEmpty();
        assertThat(overrides.clear(LIVE, MERCHANT)).isFalse();
        assertThat(overrides.find(SANDBOX, MERCHANT)).contains(READS_ONLY);
    }

    @Test
    void a_save_rolled_back_with_its_transaction_leaves_the_earlier_override() {
        overrides.save(LIVE, MERCHANT, READS_ONLY);

        assertThatThrownBy(() -> stores.transactor().useTransaction(() -> {
                    overrides.save(LIVE, MERCHANT, EVERY_CLASS);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(overrides.find(LIVE, MERCHANT)).contains(READS_ONLY);
    }
}
