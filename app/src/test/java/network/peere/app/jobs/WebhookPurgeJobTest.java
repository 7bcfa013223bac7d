package network.peere.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import network.peere.core.ports.in.webhook.PurgeWebhookHistory;
import network.peere.core.ports.in.webhook.PurgeWebhookHistory.Purged;
import org.junit.jupiter.api.Test;

/** One run purges batch after batch while batches come back full, within its bound, and survives a failure. */
class WebhookPurgeJobTest {
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final int FULL = WebhookPurgeJob.BATCH_SIZE;

    private final List<Duration> asked = new ArrayList<>();

    private PurgeWebhookHistory answering(Purged... answers) {
        Queue<Purged> queue = new ArrayDeque<>(List.of(answers));
        return (retention, limit) -> {
            asked.add(retention);
            assertThat(limit).isEqualTo(FULL);
            return queue.isEmpty() ? new Purged(0, 0) : queue.remove();
        };
    }

    @Test
    void keeps_purging_while_either_kind_fills_a_batch() {
        var job = new WebhookPurgeJob(
                answering(new Purged(FULL, 3), new Purged(7, FULL), new Purged(2, 1), new Purged(FULL, FULL)),
                RETENTION);

        assertThat(job.runOnce()).isEqualTo(new Purged(FULL + 9, FULL + 4));
        assertThat(asked).hasSize(3).containsOnly(RETENTION);
    }

    @Test
    void stops_after_its_bound_even_with_more_to_purge() {
        var job = new WebhookPurgeJob((retention, limit) -> new Purged(limit, limit), RETENTION);

        int batches = WebhookPurgeJob.BATCHES_PER_RUN_MAX;
        assertThat(job.runOnce()).isEqualTo(new Purged(batches * FULL, batches * FULL));
    }

    @Test
    void a_failed_run_reports_what_it_purged_before_and_does_not_throw() {
        Queue<Purged> answers = new ArrayDeque<>(List.of(new Purged(FULL, 0)));
        var job = new WebhookPurgeJob(
                (retention, limit) -> {
                    if (answers.isEmpty()) {
                        throw new IllegalStateException("database away");
                    }
                    return answers.remove();
                },
                RETENTION);

        assertThat(job.runOnce()).isEqualTo(new Purged(FULL, 0));
    }
}
