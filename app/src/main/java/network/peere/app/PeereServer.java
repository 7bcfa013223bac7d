package network.peere.app;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import network.peere.app.jobs.BillingJobs;
import network.peere.app.jobs.IdempotencyPurgeJob;
import network.peere.app.jobs.WebhookDeliveryJob;
import network.peere.app.jobs.WebhookPurgeJob;
import network.peere.core.ports.in.webhook.DeliverWebhooks;
import network.peere.core.ports.out.Clock;
import network.peere.http.PeereHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standalone server: runtime + HTTP + (on first start) the sandbox demo network. */
public final class PeereServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeereServer.class);
    private static final String OPENAPI_RESOURCE = "/network/peere/docs/openapi.yaml";

    private final PeereRuntime runtime;
    private final Javalin http;
    private final Optional<SandboxDemo.Network> demo;
    private final IdempotencyPurgeJob purge;
    private final WebhookDeliveryJob delivery;
    private final WebhookPurgeJob webhookPurge;
    private final BillingJobs billing;

    private PeereServer(
            PeereRuntime runtime,
            Javalin http,
            Optional<SandboxDemo.Network> demo,
            IdempotencyPurgeJob purge,
            WebhookDeliveryJob delivery,
            WebhookPurgeJob webhookPurge,
            BillingJobs billing) {
        this.billing = billing;
        this.runtime = runtime;
        this.http = http;
        this.demo = demo;
        this.purge = purge;
        this.delivery = delivery;
        this.webhookPurge = webhookPurge;
    }

    public static PeereServer start(PeereConfig config) {
        return start(config, PeereRuntime.SYSTEM_CLOCK);
    }

    /** With another clock, for tests that drive webhook retries days ahead; {@link #start(PeereConfig)} otherwise. */
    public static PeereServer start(PeereConfig config, Clock clock) {
        PeereRuntime runtime = PeereRuntime.open(config, clock);
        try {
            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new ClassLoaderMetrics().bindTo(metrics);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmGcMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            // The demo network exists before the port opens, so a ready server always answers the printed curl.
            Optional<SandboxDemo.Network> demo = config.sandboxDemo() == PeereConfig.SandboxDemo.CREATE_ON_FIRST_START
                    ? new SandboxDemo(runtime.peere(), config.dataDir()).createIfFirstStart()
                    : Optional.empty();
            var settings = new PeereHttp.Settings(
                    config.maxRequestBytes(),
                    openApiYaml(),
                    runtime.database()::isReady,
                    metrics,
                    config.trustedProxies());
            Javalin http = PeereHttp.create(runtime.peere(), settings).start(config.port());
            LOG.info("Peere listening on port {}", http.port());
            demo.ifPresent(network -> SandboxDemo.printBanner(network, http.port()));
            try {
                var purge = new IdempotencyPurgeJob(runtime.peere().runIdempotently()).start();
                var delivery = new WebhookDeliveryJob(
                                runtime.peere().deliverWebhooks(),
                                config.webhooks().concurrency(),
                                config.webhooks().pollInterval(),
                                outcome -> countDelivery(metrics, outcome))
                        .start();
                var webhookPurge = new WebhookPurgeJob(
                                runtime.peere().purgeWebhookHistory(),
                                config.webhooks().retention())
                        .start();
                var billing = new BillingJobs(
                                runtime.peere().runBillingDeadlines(),
                                runtime.peere().simulateBanks(),
                                config.billing().sandboxBankPoll(),
                                runtime.peere().settleMerchants(),
                                config.billing().settlementInterval())
                        .renewing(
                                runtime.peere().runRenewals(), config.billing().renewalInterval())
                        .start();
                return new PeereServer(runtime, http, demo, purge, delivery, webhookPurge, billing);
            } catch (RuntimeException e) {
                http.stop();
                throw e;
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * {@code peere_webhook_attempts_total{outcome}}: every attempt by its outcome; {@code exhausted} counts the
     * deliveries that failed for good, which operators alert on.
     */
    private static void countDelivery(PrometheusMeterRegistry metrics, DeliverWebhooks.Outcome outcome) {
        String name = switch (outcome) {
            case DeliverWebhooks.Outcome.Delivered delivered -> "delivered";
            case DeliverWebhooks.Outcome.RetryScheduled retry -> "retry_scheduled";
            case DeliverWebhooks.Outcome.Exhausted exhausted -> "exhausted";
            case DeliverWebhooks.Outcome.EndpointGone gone -> "endpoint_gone";
            case DeliverWebhooks.Outcome.EndpointDisabled disabled -> "endpoint_disabled";
            case DeliverWebhooks.Outcome.LeaseLost lost -> "lease_lost";
        };
        Counter.builder("peere.webhook.attempts")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", name)
                .register(metrics)
                .increment();
    }

    static byte[] openApiYaml() {
        try (InputStream in = PeereServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI contract is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI contract", e);
        }
    }

    public int port() {
        return http.port();
    }

    /** The demo network created by this start, if this was the first start. */
    public Optional<SandboxDemo.Network> demo() {
        return demo;
    }

    public PeereRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        billing.close();
        delivery.close();
        webhookPurge.close();
        purge.close();
        http.stop();
        runtime.close();
    }
}
