package network.peere.http.ratelimit;

import static network.peere.core.domain.ratelimit.RateClass.BATCH;
import static network.peere.core.domain.ratelimit.RateClass.READ;
import static network.peere.core.domain.ratelimit.RateClass.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import network.peere.core.domain.participant.ApiKeyId;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.participant.Principal;
import network.peere.core.domain.participant.Profile;
import network.peere.core.domain.participant.Role;
import network.peere.core.domain.ratelimit.EffectiveRateLimits;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.domain.ratelimit.RateLimit;
import network.peere.core.domain.ratelimit.RateLimitOverride;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.ratelimit.ResolveRateLimits;
import network.peere.http.ratelimit.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

/** Token buckets on a time source the test moves: nothing here sleeps. */
class RateLimiterTest {
    private static final Principal KEY_1 = principal("prv_1", "key_1");
    private static final Principal KEY_2_SAME_PARTICIPANT = principal("prv_1", "key_2");
    private static final Principal OTHER_PARTICIPANT = principal("prv_2", "key_3");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final AtomicReference<Optional<RateLimitOverride>> override = new AtomicReference<>(Optional.empty());
    private final AtomicInteger resolutions = new AtomicInteger();
    private final ResolveRateLimits resolve = (mode, id) -> {
        resolutions.incrementAndGet();
        return new ResolveRateLimits.Resolution.Resolved(EffectiveRateLimits.of(provider(id), override.get()));
    };
    private final RateLimiter limiter = new RateLimiter(resolve, nanos::get);

    @Test
    void a_burst_above_the_per_second_limit_is_refused_with_the_time_to_wait() {
        // Defaults: standard 100/min, burst 10/s.
        List<Decision> decisions = acquire(KEY_1, STANDARD, 11);

        assertThat(decisions.subList(0, 10)).allMatch(Decision.Allowed.class::isInstance);
        assertThat(decisions.stream().limit(10).map(Decision::remaining))
                .containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
        var refused = (Decision.Refused) decisions.get(10);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.limit()).isEqualTo(new RateLimit(100, 10));
    }

    @Test
    void the_bucket_refills_as_time_passes() {
        acquire(KEY_1, STANDARD, 10);
        assertThat(limiter.tryAcquire(KEY_1, STANDARD)).isInstanceOf(Decision.Refused.class);

        advance(Duration.ofMillis(100)); // one token of the 10/s burst

        assertThat(limiter.tryAcquire(KEY_1, STANDARD)).isInstanceOf(Decision.Allowed.class);
        assertThat(limiter.tryAcquire(KEY_1, STANDARD)).isInstanceOf(Decision.Refused.class);
    }

    @Test
    void the_per_minute_limit_holds_however_the_requests_are_spread() {
        int allowed = 0;
        for (int second = 0; second < 60; second++) {
            allowed += (int) acquire(KEY_1, STANDARD, 10).stream()
                    .filter(Decision.Allowed.class::isInstance)
                    .count();
            advance(Duration.ofSeconds(1));
        }
        // 100 at once, plus what the minute refilled (100/min greedily): never the 600 the bursts alone would allow.
        assertThat(allowed).isBetween(100, 200);
        assertThat(allowed).isLessThan(60 * 10);
    }

    @Test
    void reset_counts_the_seconds_until_the_bucket_is_full() {
        override.set(Optional.of(new RateLimitOverride(Map.of(READ, new RateLimit(6, 6)))));
        var first = limiter.tryAcquire(KEY_1, READ);
        assertThat(first.resetSeconds()).isEqualTo(10); // one token of 6/min
        acquire(KEY_1, READ, 5);
        var refused = (Decision.Refused) limiter.tryAcquire(KEY_1, READ);
        assertThat(refused.resetSeconds()).isEqualTo(60);
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);

        advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire(KEY_1, READ)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void each_key_has_its_own_buckets() {
        acquire(KEY_1, STANDARD, 10);

        assertThat(limiter.tryAcquire(KEY_1, STANDARD)).isInstanceOf(Decision.Refused.class);
        assertThat(limiter.tryAcquire(KEY_2_SAME_PARTICIPANT, STANDARD)).isInstanceOf(Decision.Allowed.class);
        assertThat(limiter.tryAcquire(OTHER_PARTICIPANT, STANDARD)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void classes_draw_from_separate_buckets() {
        acquire(KEY_1, BATCH, 2);

        assertThat(limiter.tryAcquire(KEY_1, BATCH)).isInstanceOf(Decision.Refused.class);
        assertThat(limiter.tryAcquire(KEY_1, STANDARD)).isInstanceOf(Decision.Allowed.class);
        assertThat(limiter.tryAcquire(KEY_1, READ))
                .isInstanceOf(Decision.Allowed.class)
                .extracting(Decision::remaining)
                .isEqualTo(29L);
    }

    @Test
    void resolved_limits_are_reused_until_they_expire_or_change() {
        limiter.tryAcquire(KEY_1, READ);
        limiter.tryAcquire(KEY_2_SAME_PARTICIPANT, STANDARD);
        assertThat(resolutions).hasValue(1);

        advance(RateLimiter.LIMITS_CACHE_TTL.plusSeconds(1));
        limiter.tryAcquire(KEY_1, READ);
        assertThat(resolutions).hasValue(2);

        override.set(Optional.of(new RateLimitOverride(Map.of(READ, new RateLimit(1, 1)))));
        limiter.limitsChanged(Mode.SANDBOX, KEY_1.participantId());
        assertThat(limiter.tryAcquire(KEY_1, READ))
                .isInstanceOf(Decision.Allowed.class)
                .extracting(Decision::limit)
                .isEqualTo(new RateLimit(1, 1));
        assertThat(resolutions).hasValue(3);
        assertThat(limiter.tryAcquire(KEY_1, READ)).isInstanceOf(Decision.Refused.class);
    }

    @Test
    void an_unknown_participant_is_a_bug_not_a_rejection() {
        var limiter = new RateLimiter(
                (mode, id) ->
                        new ResolveRateLimits.Resolution.Rejected(ResolveRateLimits.Rejection.PARTICIPANT_NOT_FOUND),
                nanos::get);

        assertThatThrownBy(() -> limiter.tryAcquire(KEY_1, READ)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void routes_are_classed_by_method_and_template() {
        assertThat(RouteClasses.of(io.javalin.http.HandlerType.GET, "/v1/merchant"))
                .isEqualTo(READ);
        assertThat(RouteClasses.of(io.javalin.http.HandlerType.POST, "/v1/keys"))
                .isEqualTo(STANDARD);
        assertThat(RouteClasses.of(
                        io.javalin.http.HandlerType.DELETE, "/v1/operator/participants/{participantId}/rate-limits"))
                .isEqualTo(STANDARD);
        assertThat(RouteClasses.of(io.javalin.http.HandlerType.POST, "/v1/billing/intent"))
                .isEqualTo(BATCH);
        assertThat(RouteClasses.of(io.javalin.http.HandlerType.GET, "/v1/bank/customers"))
                .isEqualTo(READ);
        assertThat(RouteClasses.of(io.javalin.http.HandlerType.POST, "/v1/billing/bank-responses"))
                .isEqualTo(BATCH);
        assertThat(RouteClasses.of(io.javalin.http.HandlerType.POST, "/v1/billing/bank-response"))
                .isEqualTo(STANDARD);
        assertThat(RouteClasses.BATCH_ROUTES).hasSize(7);
    }

    private List<Decision> acquire(Principal principal, RateClass rateClass, int times) {
        var decisions = new ArrayList<Decision>();
        for (int i = 0; i < times; i++) {
            decisions.add(limiter.tryAcquire(principal, rateClass));
        }
        return decisions;
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static Principal principal(String participantId, String keyId) {
        return new Principal(new ParticipantId(participantId), Mode.SANDBOX, Role.PROVIDER, new ApiKeyId(keyId));
    }

    private static Participant provider(ParticipantId id) {
        return Participant.register(
                id, Mode.SANDBOX, "Provider " + id, "p@p.test", new Profile.ProviderProfile(), Instant.EPOCH);
    }
}
