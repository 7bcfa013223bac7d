package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import network.peere.app.testing.HttpApi;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.ShiftedClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recurring schedules through HTTP with the renewal engine and the simulated sandbox bank running in the server, on a
 * clock the test moves forward: the first period is charged and paid, a declined amount fails the schedule,
 * pause/resume/cancel move it, {@code maxBillings} completes it, an end before the start is refused, and another
 * merchant sees none of it. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecurringApiContract {
    static final Map<String, String> FAST = Map.of(
            "PEERE_RENEWAL_INTERVAL", "100ms",
            "PEERE_SANDBOX_BANK_POLL_MS", "50");
    private static final Duration WAIT = Duration.ofSeconds(30);

    final ShiftedClock clock = new ShiftedClock();
    RunningServer server;
    HttpApi api;
    SandboxNetwork network;
    String bank;
    String merchant;
    String otherMerchant;

    abstract RunningServer start(Path dataDir, ShiftedClock clock);

    void afterStop() {}

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = start(dataDir, clock);
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

    @Test
    void a_schedule_with_max_billings_completes_after_its_last_run_and_bills_no_more() {
        String schedule = create("900", "\"frequency\":\"daily\",\"noticeOffsets\":[],\"maxBillings\":2,");
        String path = "/v1/recurring/" + schedule;
        JsonNode created = api.get(path, merchant).data();
        assertThat(created.get("maxBillings").asLong()).isEqualTo(2);
        assertThat(created.get("endDate").isNull()).isTrue();
        await().atMost(WAIT).until(() -> runStates(schedule).equals(List.of("paid")));
        assertThat(api.get(path, merchant).data().get("status").asText()).isEqualTo("active");

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        await().atMost(WAIT).until(() -> runStates(schedule).equals(List.of("paid", "paid")));
        JsonNode read = api.get(path, merchant).data();
        assertThat(read.get("status").asText()).isEqualTo("completed");
        assertThat(api.post(path + "/pause", merchant, "{}").code()).isEqualTo("schedule_status_conflict");
        JsonNode completed =
                api.get("/v1/recurring?status=completed&limit=100", merchant).data();
        assertThat(completed.get("schedules").findValuesAsText("scheduleId")).contains(schedule);
        assertThat(api.get("/v1/recurring?status=active&limit=100", merchant)
                        .data()
                        .get("schedules")
                        .findValuesAsText("scheduleId"))
                .doesNotContain(schedule);

        clock.advance(Duration.ofDays(2));
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        assertThat(runStates(schedule)).as("no third period").hasSize(2);
    }

    @Test
    void an_end_date_is_shown_as_the_first_instant_no_period_may_be_due_at() {
        String schedule = create("800", "\"startDate\":\"2099-01-31\",\"endDate\":\"2099-06-30\",");

        JsonNode read = api.get("/v1/recurring/" + schedule, merchant).data();

        assertThat(read.get("maxBillings").isNull()).isTrue();
        assertThat(Instant.parse(read.get("endDate").asText()))
                .as("the end of 2099-06-30 in the bank's zone")
                .isBetween(Instant.parse("2099-06-30T10:00:00Z"), Instant.parse("2099-07-01T14:00:00Z"));
    }

    @Test
    void an_end_before_the_first_billing_or_a_count_below_one_is_invalid_end() {
        assertThat(refused("\"startDate\":\"2099-01-31\",\"endDate\":\"2099-01-01\",")
                        .code())
                .isEqualTo("invalid_end");
        assertThat(refused("\"maxBillings\":0,").code()).isEqualTo("invalid_end");
        assertThat(refused("\"maxBillings\":-3,").status()).isEqualTo(422);
        assertThat(refused("\"maxBillings\":100001,").code()).isEqualTo("invalid_end");
    }

    @Test
    void an_end_that_is_not_a_date_or_a_count_that_is_not_whole_is_an_invalid_request() {
        Response notADate = refused("\"endDate\":\"next year\",");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.code()).isEqualTo("invalid_request");
        assertThat(notADate.body()).contains("endDate");
        Response notWhole = refused("\"maxBillings\":1.5,");
        assertThat(notWhole.status()).isEqualTo(400);
        assertThat(notWhole.body()).contains("maxBillings");
    }

    // ---- helpers

    /** A create that must be refused, on a fresh approved agreement. */
    private Response refused(String extraFields) {
        SandboxNetwork.Customer customer = network.newCustomer(bank);
        String agreementPhrase = network.approvedRecurringAgreement(merchant, customer);
        Response answer = api.post(
                "/v1/billing/recurring/create", merchant, """
                {%s"customerId":"%s","agreementPhrase":"%s","amount":600,"frequency":"monthly"}""".formatted(extraFields, customer.id(), agreementPhrase));
        assertThat(answer.status()).as(answer.body()).isIn(400, 422);
        return answer;
    }

    /** The schedule's run states, oldest period first. */
    private List<String> runStates(String schedule) {
        JsonNode runs = api.get("/v1/recurring/" + schedule, merchant).data().get("runs");
        List<String> states = new ArrayList<>(runs.findValuesAsText("state"));
        Collections.reverse(states);
        return states;
    }

    /** A schedule (monthly unless {@code extraFields} says) on a fresh approved agreement; answers its id. */
    private String create(String amount, String extraFields) {
        SandboxNetwork.Customer customer = network.newCustomer(bank);
        String agreementPhrase = network.approvedRecurringAgreement(merchant, customer);
        Response created = api.post("/v1/billing/recurring/create", merchant, """
                {%s"customerId":"%s","agreementPhrase":"%s","amount":%s}""".formatted(
                extraFields.contains("\"frequency\"") ? extraFields : "\"frequency\":\"monthly\"," + extraFields,
                customer.id(),
                agreementPhrase,
                amount));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        assertThat(created.data().get("status").asText()).isEqualTo("active");
        return created.data().get("scheduleId").asText();
    }

    private JsonNode firstRun(String schedule) {
        JsonNode runs = api.get("/v1/recurring/" + schedule, merchant).data().get("runs");
        return runs == null || runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }
}
