package network.peere.core.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The previous secret signs while its grace period lasts, and not from the instant it ends. */
class EndpointSecretsTest {
    private static final SealedSecret OLD = new SealedSecret("sealed-old");
    private static final SealedSecret NEW = new SealedSecret("sealed-new");
    private static final Instant GRACE_ENDS = Instant.parse("2026-11-23T08:00:00Z");

    private final EndpointSecrets rotated = EndpointSecrets.of(OLD).rotate(NEW, GRACE_ENDS);

    @Test
    void rotation_makes_the_new_secret_current_and_keeps_the_old_one_until_the_grace_ends() {
        assertThat(rotated.current()).isEqualTo(NEW);
        assertThat(rotated.previous()).contains(OLD);
        assertThat(rotated.previousUntil()).contains(GRACE_ENDS);
    }

    @Test
    void before_the_grace_ends_the_previous_secret_is_valid() {
        assertThat(rotated.previousAt(GRACE_ENDS.minus(Duration.ofHours(1)))).contains(OLD);
        assertThat(rotated.previousAt(GRACE_ENDS.minusNanos(1))).contains(OLD);
    }

    @Test
    void at_the_instant_the_grace_ends_the_previous_secret_is_no_longer_valid() {
        assertThat(rotated.previousAt(GRACE_ENDS)).isEmpty();
    }

    @Test
    void after_the_grace_ends_the_previous_secret_is_no_longer_valid() {
        assertThat(rotated.previousAt(GRACE_ENDS.plusNanos(1))).isEmpty();
        assertThat(rotated.previousAt(GRACE_ENDS.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void a_secret_never_rotated_has_no_previous_one_at_any_time() {
        EndpointSecrets fresh = EndpointSecrets.of(OLD);
        assertThat(fresh.previousAt(Instant.EPOCH)).isEmpty();
        assertThat(fresh.previousAt(GRACE_ENDS)).isEmpty();
    }

    @Test
    void a_second_rotation_drops_the_first_secret_and_keeps_the_one_it_replaces() {
        SealedSecret newest = new SealedSecret("sealed-newest");
        Instant later = GRACE_ENDS.plus(Duration.ofDays(1));
        EndpointSecrets twice = rotated.rotate(newest, later);
        assertThat(twice.current()).isEqualTo(newest);
        assertThat(twice.previousAt(GRACE_ENDS)).contains(NEW);
        assertThat(twice.previousAt(later)).isEmpty();
    }

    @Test
    void a_previous_secret_comes_with_the_end_of_its_grace_and_only_then() {
        assertThatThrownBy(() -> new EndpointSecrets(NEW, Optional.of(OLD), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EndpointSecrets(NEW, Optional.empty(), Optional.of(GRACE_ENDS)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
