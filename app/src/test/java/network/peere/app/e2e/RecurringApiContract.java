package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recurring schedules through HTTP with the renewal engine and the simulated sandbox bank running in the server:
 * the first period is charged and paid, a declined amount fails the schedule, pause/resume/cancel move it, and
 * another merchant sees none of it. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecurringApiContract {
    static final Map<String, String> FAST = Map.of(
            "PEERE_RENEWAL_INTERVAL", "100ms",
            "PEERE_SANDBOX_BANK_POLL_MS", "50");
    private static final Duration WAIT = Duration.ofSeconds(30);

    RunningServer server;
    HttpApi api;
    SandboxNetwork network;
    String bank;
    String merchant;
    String otherMerchant;

    abstract RunningServer start(Path dataDir);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir);
        api = server.api();
        network = new SandboxNetwork(server);
        bank = network.keyOf(network.simulatedBank("Recurring Bank"));
        // Recurring schedules need trust level enhanced (decisions.md).
        merchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Gym Lagos\",\"email\":\"gym@recurring.test\",\"trustLevel\":\"enhanced\"}"));
        otherMerchant = network.keyOf(network.create(
                "/v1/operator/merchants",
                "{\"name\":\"Other\",\"email\":\"other@recurring.test\",\"trustLevel\":\"enhanced\"}"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    @Test
    void a_schedule_starting_now_is_charged_by_the_engine_and_paid_by_the_bank() {
        String schedule = create("1500", "\"metadata\":{\"plan\":\"gold\"},");

        JsonNode run = await().atMost(WAIT)
                .until(
                        () -> firstRun(schedule),
                        r -> r != null && "paid".equals(r.get("state").asText()));
        assertThat(run.get("period").asInt())
                .as("periods count from 0, the anchor")
                .isZero();
        assertThat(run.get("amount").decimalValue()).isEqualByComparingTo("1500");
        String transactionId = run.get("transactionId").asText();
        Response details = api.get("/v1/transaction-details/" + transactionId, merchant);
        assertThat(details.data().get("status").asText()).isEqualTo("completed");
        JsonNode read = api.get("/v1/recurring/" + schedule, merchant).data();
        assertThat(read.get("status").asText()).isEqualTo("active");
        assertThat(read.get("metadata").get("plan").asText()).isEqualTo("gold");
        assertThat(api.get("/v1/recurring/" + schedule, otherMerchant).status()).isEqualTo(404);
        assertThat(api.get("/v1/recurring?limit=100", otherMerchant)
                        .data()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void a_run_the_bank_declines_fails_the_schedule_without_retries() {
        String schedule = create("1500.51", "");

        await().atMost(WAIT)
                .until(() -> api.get("/v1/recurring/" + schedule, merchant)
                        .data()
                        .get("status")
                        .asText()
                        .equals("failed"));
        assertThat(firstRun(schedule).get("state").asText()).isEqualTo("failed");
    }

    @Test
    void pause_resume_and_cancel_move_a_schedule_and_a_cancelled_one_stays_cancelled() {
        String schedule = create("700", "\"startDate\":\"2099-01-31\",");
        String path = "/v1/recurring/" + schedule;

        Response paused = api.post(path + "/pause", merchant, "{\"reason\":\"travelling\"}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.data().get("status").asText()).isEqualTo("paused");
        Response resumed = api.post(path + "/resume", merchant, "{}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.data().get("status").asText()).isEqualTo("active");
        assertThat(resumed.data().get("nextBillingDate").asText()).startsWith("2099-01-3");
        assertThat(api.post(path + "/cancel", otherMerchant, "{}").status()).isEqualTo(404);
        assertThat(api.post(path + "/cancel", merchant, "{}")
                        .data()
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
        assertThat(api.post(path + "/resume", merchant, "{}").code()).isEqualTo("schedule_status_conflict");
    }

    // ---- helpers

    /** A monthly schedule on a fresh approved agreement; answers its id. */
    private String create(String amount, String extraFields) {
        SandboxNetwork.Customer customer = network.newCustomer(bank);
        String agreementPhrase = network.approvedRecurringAgreement(merchant, customer);
        Response created = api.post("/v1/billing/recurring/create", merchant, """
                {%s"customerId":"%s","agreementPhrase":"%s","amount":%s,"frequency":"monthly"}""".formatted(
                        extraFields, customer.id(), agreementPhrase, amount));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        assertThat(created.data().get("status").asText()).isEqualTo("active");
        return created.data().get("scheduleId").asText();
    }

    private JsonNode firstRun(String schedule) {
        JsonNode runs = api.get("/v1/recurring/" + schedule, merchant).data().get("runs");
        return runs == null || runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }
}
