package network.peere.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.peere.app.jobs.WebhookDeliveryJob;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.core.Peere;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.Mode;
import network.peere.core.domain.webhook.WebhookEndpointId;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import network.peere.core.ports.in.webhook.SendTestEvent;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries per second from the real delivery worker to a local receiver, against that receiver's own ceiling
 * measured in the same run, on H2 and on MariaDB. Not part of the default build (tag {@code benchmark}); run it as
 * docs/webhooks.md says. Sizes: {@code -Dpeere.bench.deliveries} (20000), {@code -Dpeere.bench.concurrency} (64),
 * {@code -Dpeere.bench.warmup} (10000 deliveries in an unmeasured first pass; 0 for none).
 */
@Tag("benchmark")
class WebhookDeliveryBenchmarkTest {
    private static final int DELIVERIES = Integer.getInteger("peere.bench.deliveries", 20_000);
    private static final int CONCURRENCY = Integer.getInteger("peere.bench.concurrency", 64);
    private static final int WARM_UP = Integer.getInteger("peere.bench.warmup", 10_000);
    private static final Duration CEILING_WARM_UP = Duration.ofSeconds(3);
    private static final Duration CEILING_RUN = Duration.ofSeconds(5);
    private static final Duration DRAIN_MAX = Duration.ofMinutes(10);
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
    private static final Pattern BATCH_ID = Pattern.compile("\"batchId\":\"([^\"]+)\"");

    @Test
    void on_h2(@TempDir Path dataDir) throws Exception {
        try (var receiver = new CountingReceiver()) {
            run("H2 (file)", RunningServer.config(dataDir, idleServerWorker()), receiver);
        }
    }

    @Test
    void on_mariadb(@TempDir Path dataDir) throws Exception {
        try (TestDatabase database = TestDatabases.mariaDb();
                var receiver = new CountingReceiver()) {
            run("MariaDB", RunningServer.config(database, dataDir, idleServerWorker()), receiver);
        }
    }

    /** The server's own worker polls once at start and then sleeps, so the benchmark's worker does all the work. */
    private static Map<String, String> idleServerWorker() {
        Map<String, String> env = new HashMap<>();
        env.put("PEERE_WEBHOOK_POLL_MS", "3600000");
        env.put("PEERE_DB_POOL_SIZE", "20");
        return env;
    }

    private static void run(String backend, network.peere.app.PeereConfig config, CountingReceiver receiver)
            throws Exception {
        receiver.ceiling(CONCURRENCY, CEILING_WARM_UP); // JIT and connections warm, as the server's will be
        double ceiling = receiver.ceiling(CONCURRENCY, CEILING_RUN);
        try (var server = RunningServer.on(config, network.peere.app.PeereRuntime.SYSTEM_CLOCK)) {
            Peere peere = server.server().runtime().peere();
            var merchant = server.demo().byRole("merchant", Optional.of("enhanced"));
            Response created = server.api()
                    .post(
                            "/v1/webhooks/endpoints",
                            merchant.key(),
                            "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"webhook.test\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            var endpoint = new WebhookEndpointId(created.data().get("id").asText());
            var owner = new ParticipantId(merchant.participantId());

            // A first pass warms the delivery path (worker, signing, claim and record statements, the sender's
            // connections) and is reported apart: the JIT compiles that path during it, and on 2 cores its compiler
            // threads take a large share of a 10-second run. A server delivers for days, so the second pass is the
            // figure; both are printed.
            Pass cold = WARM_UP == 0 ? null : pass(peere, owner, endpoint, receiver, WARM_UP);
            Pass warm = pass(peere, owner, endpoint, receiver, DELIVERIES);
            System.out.printf(
                    """

                    == Webhook delivery benchmark on %s, %d cores, concurrency %d ==
                    receiver ceiling (the worker's HTTP client, no signing, same receiver, %d s): %,.0f requests/s
                    %s
                    measured pass:      %s
                    = %.0f%% of the receiver's ceiling
                    %n""",
                    backend,
                    Runtime.getRuntime().availableProcessors(),
                    CONCURRENCY,
                    CEILING_RUN.toSeconds(),
                    ceiling,
                    cold == null ? "no warm-up pass" : "warm-up pass (cold): " + cold,
                    warm,
                    100 * warm.rate() / ceiling);
            for (Pass pass : cold == null ? List.of(warm) : List.of(cold, warm)) {
                assertThat(pass.events()).as("none lost").isEqualTo(pass.deliveries());
                assertThat(pass.duplicates()).as("no delivery sent twice").isZero();
            }
        }
    }

    /** One pass: its deliveries queued (one transaction each), then drained by a fresh worker until all are recorded. */
    private record Pass(
            int deliveries,
            double queueSeconds,
            int batches,
            int events,
            double seconds,
            Map<String, AtomicInteger> outcomes,
            long duplicates) {
        double rate() {
            return events / seconds;
        }

        @Override
        public String toString() {
            return "queued %,d deliveries in %.1f s (%,.0f/s); delivered %,d (%,d distinct events) in %.1f s:"
                            .formatted(deliveries, queueSeconds, deliveries / queueSeconds, batches, events, seconds)
                    + " %,.0f deliveries/s; worker outcomes %s; duplicate sends %d"
                            .formatted(rate(), outcomes, duplicates);
        }
    }

    private static Pass pass(
            Peere peere, ParticipantId owner, WebhookEndpointId endpoint, CountingReceiver receiver, int deliveries)
            throws Exception {
        receiver.reset();
        // One event per delivery (a test event is never batched): the worst case for the worker.
        long queueStarted = System.nanoTime();
        queue(peere, owner, endpoint, deliveries);
        double queueSeconds = (System.nanoTime() - queueStarted) / 1e9;

        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        try (var worker = new WebhookDeliveryJob(
                        peere.deliverWebhooks(),
                        CONCURRENCY,
                        Duration.ofMillis(10),
                        outcome -> outcomes.computeIfAbsent(name(outcome), k -> new AtomicInteger())
                                .incrementAndGet())
                .start()) {
            long deadline = started + DRAIN_MAX.toNanos();
            // Done when every event arrived and every attempt is recorded, not merely sent.
            while ((receiver.events() < deliveries || recorded(outcomes) < deliveries)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Pass(
                deliveries,
                queueSeconds,
                receiver.batches(),
                receiver.events(),
                seconds,
                outcomes,
                receiver.duplicates());
    }

    private static void queue(Peere peere, ParticipantId owner, WebhookEndpointId endpoint, int deliveries)
            throws Exception {
        int threads = 8;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = deliveries / threads + (t < deliveries % threads ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        var sent = peere.sendTestEvent().sendTest(Mode.SANDBOX, owner, endpoint);
                        assertThat(sent).isInstanceOf(SendTestEvent.TestSend.Queued.class);
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }
    }

    private static int recorded(Map<String, AtomicInteger> outcomes) {
        return outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static String name(DeliverWebhooks.Outcome outcome) {
        return switch (outcome) {
            case DeliverWebhooks.Outcome.Delivered delivered -> "delivered";
            case DeliverWebhooks.Outcome.RetryScheduled retry -> "retry_scheduled";
            case DeliverWebhooks.Outcome.Exhausted exhausted -> "exhausted";
            case DeliverWebhooks.Outcome.EndpointGone gone -> "endpoint_gone";
            case DeliverWebhooks.Outcome.EndpointDisabled disabled -> "endpoint_disabled";
            case DeliverWebhooks.Outcome.LeaseLost lost -> "lease_lost";
        };
    }

    /**
     * A lean receiver that only counts: distinct event ids, and batch ids seen more than once. {@code /ceiling} answers
     * the same way without counting, for the ceiling run. It runs on Jetty (the server Javalin embeds): the receiver
     * stands for an integrator's server on another machine, so the less of the two cores it takes, the more the figure
     * says about the worker (the JDK's {@code HttpServer} took a fifth to a quarter of the machine during a run).
     */
    private static final class CountingReceiver implements AutoCloseable {
        private final Server server;
        private final ServerConnector connector;
        private final Map<String, Boolean> events = new ConcurrentHashMap<>();
        private final Map<String, Boolean> batches = new ConcurrentHashMap<>();
        private final AtomicLong duplicates = new AtomicLong();

        CountingReceiver() throws Exception {
            server = new Server();
            connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            connector.setAcceptQueueSize(1_000);
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
                        throws Exception {
                    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                    if (Request.getPathInContext(request).equals("/hooks")) {
                        count(body);
                    }
                    response.setStatus(200);
                    callback.succeeded();
                    return true;
                }
            });
            server.start();
        }

        private void count(String body) {
            Matcher batch = BATCH_ID.matcher(body);
            if (batch.find() && batches.putIfAbsent(batch.group(1), Boolean.TRUE) != null) {
                duplicates.incrementAndGet();
            }
            Matcher event = EVENT_ID.matcher(body);
            while (event.find()) {
                events.put(event.group(1), Boolean.TRUE);
            }
        }

        String url() {
            return "http://127.0.0.1:" + connector.getLocalPort() + "/hooks";
        }

        int events() {
            return events.size();
        }

        /** Forgets what it counted: between passes, when nothing is in flight. */
        void reset() {
            events.clear();
            batches.clear();
            duplicates.set(0);
        }

        int batches() {
            return batches.size();
        }

        long duplicates() {
            return duplicates.get();
        }

        /**
         * Requests per second this receiver answers with {@code clients} senders on the client the worker sends with
         * (Jetty's; see {@link network.peere.webhook.HttpWebhookSender}), the same body shape and no signing.
         */
        double ceiling(int clients, Duration run) throws Exception {
            byte[] body = ("{\"entityId\":\"mer_x\",\"entityType\":\"merchant\",\"webhookType\":\"webhook.test\","
                            + "\"timestamp\":\"2026-11-23T08:00:00.000Z\",\"batchId\":\"batch_x\",\"data\":[{\"eventId\":"
                            + "\"evt_x\",\"sequence\":1,\"objectId\":\"whe_x\",\"message\":\"A test event.\"}],"
                            + "\"itemCount\":1}")
                    .getBytes(StandardCharsets.UTF_8);
            String uri = "http://127.0.0.1:" + connector.getLocalPort() + "/ceiling";
            var client = new org.eclipse.jetty.client.HttpClient();
            client.setMaxConnectionsPerDestination(clients);
            client.start();
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + run.toNanos();
            long started = System.nanoTime();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    senders.execute(() -> {
                        while (System.nanoTime() < end) {
                            try {
                                var response = client.newRequest(uri)
                                        .method("POST")
                                        .body(new BytesRequestContent("application/json", body))
                                        .send();
                                if (response.getStatus() == 200) {
                                    done.incrementAndGet();
                                }
                            } catch (ExecutionException | TimeoutException e) {
                                // counted as not done
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    });
                }
            } finally {
                client.stop();
            }
            return done.get() / ((System.nanoTime() - started) / 1e9);
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
