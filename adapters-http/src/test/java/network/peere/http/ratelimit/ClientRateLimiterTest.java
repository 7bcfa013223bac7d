package network.peere.http.ratelimit;

import static network.peere.core.domain.ratelimit.RateClass.READ;
import static network.peere.core.domain.ratelimit.RateClass.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.core.domain.ratelimit.RateClass;
import network.peere.core.domain.ratelimit.RateLimit;
import network.peere.http.ratelimit.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

/** Buckets per client address on a time source the test moves: nothing here sleeps. */
class ClientRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final ClientRateLimiter limiter =
            new ClientRateLimiter(new ClientRateLimiter.Limits(new RateLimit(6, 3), new RateLimit(60, 10)), nanos::get);

    @Test
    void a_burst_of_lookups_from_one_address_is_refused_with_the_time_to_wait() {
        List<Decision> decisions = acquire("203.0.113.7", STANDARD, 4);

        assertThat(decisions.subList(0, 3)).allMatch(Decision.Allowed.class::isInstance);
        var refused = (Decision.Refused) decisions.get(3);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.limit()).isEqualTo(new RateLimit(6, 3));
    }

    @Test
    void the_per_minute_lookup_budget_holds_across_seconds() {
        assertThat(acquire("203.0.113.7", STANDARD, 3)).allMatch(Decision.Allowed.class::isInstance);
        nanos.addAndGet(1_000_000_000L);
        assertThat(acquire("203.0.113.7", STANDARD, 3)).allMatch(Decision.Allowed.class::isInstance);
        nanos.addAndGet(1_000_000_000L);

        Decision seventh = limiter.tryAcquire("203.0.113.7", STANDARD);

        assertThat(seventh).isInstanceOf(Decision.Refused.class);
        assertThat(((Decision.Refused) seventh).retryAfterSeconds()).isGreaterThan(1);
    }

    @Test
    void addresses_and_classes_have_their_own_buckets() {
        acquire("203.0.113.7", STANDARD, 3);

        assertThat(limiter.tryAcquire("203.0.113.8", STANDARD)).isInstanceOf(Decision.Allowed.class);
        assertThat(limiter.tryAcquire("203.0.113.7", READ)).isInstanceOf(Decision.Allowed.class);
        assertThat(limiter.tryAcquire("203.0.113.7", STANDARD)).isInstanceOf(Decision.Refused.class);
    }

    @Test
    void the_default_lets_a_page_poll_every_one_and_a_half_seconds_for_ten_minutes() {
        var defaults = new ClientRateLimiter(ClientRateLimiter.Limits.DEFAULT, nanos::get);
        List<Decision> polls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            polls.add(defaults.tryAcquire("203.0.113.7", READ));
            nanos.addAndGet(1_500_000_000L);
        }

        assertThat(polls).allMatch(Decision.Allowed.class::isInstance);
    }

    private List<Decision> acquire(String address, RateClass rateClass, int times) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            decisions.add(limiter.tryAcquire(address, rateClass));
        }
        return decisions;
    }

    @org.junit.jupiter.api.Test
    void ipv6_clients_are_counted_by_their_64_bit_network_and_ipv4_clients_by_address() {
        org.assertj.core.api.Assertions.assertThat(ClientRateLimiter.clientKey("2001:db8:1:2::1"))
                .isEqualTo(ClientRateLimiter.clientKey("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isNotEqualTo(ClientRateLimiter.clientKey("2001:db8:1:3::1"));
        org.assertj.core.api.Assertions.assertThat(ClientRateLimiter.clientKey("192.0.2.7"))
                .isEqualTo("192.0.2.7");
        org.assertj.core.api.Assertions.assertThat(ClientRateLimiter.clientKey("::ffff:192.0.2.7"))
                .as("an IPv4-mapped address is the IPv4 address")
                .isEqualTo("192.0.2.7");
    }
}
