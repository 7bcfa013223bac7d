package network.peere.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import network.peere.core.domain.webhook.EventType;
import network.peere.core.domain.webhook.RetrySchedule;
import org.junit.jupiter.api.Test;

/** Webhook settings from the environment, refused at start with a message that names the setting. */
class PeereConfigWebhooksTest {
    private static PeereConfig.Webhooks webhooks(Map<String, String> environment) {
        return PeereConfig.from(environment).webhooks();
    }

    @Test
    void by_default_every_type_retries_for_five_days_and_history_is_kept_30_days() {
        var webhooks = webhooks(Map.of());

        assertThat(webhooks.retries().forType(EventType.BILLING_INTENT)).isEqualTo(RetrySchedule.STANDARD);
        assertThat(webhooks.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void sets_the_default_schedule_and_overrides_it_per_event_type() {
        var webhooks = webhooks(Map.of(
                "PEERE_WEBHOOK_RETRY_SCHEDULE", "5s,6h,3d",
                "PEERE_WEBHOOK_RETRY_SCHEDULE_BILLING_INTENT", "500ms, 30m, 1d",
                "PEERE_WEBHOOK_RETENTION_DAYS", "7"));

        assertThat(webhooks.retries().forType(EventType.API_KEY_REVOKED))
                .isEqualTo(new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(6), Duration.ofDays(3)));
        assertThat(webhooks.retries().forType(EventType.BILLING_INTENT))
                .isEqualTo(new RetrySchedule(Duration.ofMillis(500), Duration.ofMinutes(30), Duration.ofDays(1)));
        assertThat(webhooks.retention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void refuses_an_unknown_event_type_and_lists_the_known_ones() {
        assertThatThrownBy(() -> webhooks(Map.of("PEERE_WEBHOOK_RETRY_SCHEDULE_BILLING", "5s,6h,3d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PEERE_WEBHOOK_RETRY_SCHEDULE_BILLING names no event type")
                .hasMessageContaining("PEERE_WEBHOOK_RETRY_SCHEDULE_BILLING_INTENT");
    }

    @Test
    void refuses_a_malformed_or_inconsistent_schedule_naming_the_setting() {
        for (String raw : new String[] {"5s,6h", "5 s,6h,3d", "5s,6h,3w", "1h,5s,3d", "0s,6h,3d", "1h,2h,30m"}) {
            assertThatThrownBy(() -> webhooks(Map.of("PEERE_WEBHOOK_RETRY_SCHEDULE", raw)))
                    .as(raw)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("PEERE_WEBHOOK_RETRY_SCHEDULE must be")
                    .hasMessageContaining("like 10s,12h,5d");
        }
    }

    @Test
    void refuses_a_retention_under_a_day() {
        assertThatThrownBy(() -> webhooks(Map.of("PEERE_WEBHOOK_RETENTION_DAYS", "0")))
                .hasMessageContaining("PEERE_WEBHOOK_RETENTION_DAYS must be 1-");
    }

    @Test
    void trusted_proxies_are_ip_addresses_and_none_by_default() {
        assertThat(PeereConfig.from(Map.of()).trustedProxies()).isEmpty();
        assertThat(PeereConfig.from(Map.of("PEERE_TRUSTED_PROXIES", "10.0.0.2, fd00::1"))
                        .trustedProxies())
                .containsExactlyInAnyOrder("10.0.0.2", "fd00::1");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PeereConfig.from(Map.of("PEERE_TRUSTED_PROXIES", "proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PEERE_TRUSTED_PROXIES");
    }
}
