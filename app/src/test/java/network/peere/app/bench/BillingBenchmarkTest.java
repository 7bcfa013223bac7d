package network.peere.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import network.peere.app.PeereConfig;
import network.peere.app.jobs.BillingJobs;
import network.peere.app.testing.Response;
import network.peere.app.testing.RunningServer;
import network.peere.app.testing.TestNetwork;
import network.peere.app.testing.TestPhrases;
import network.peere.core.Peere;
import network.peere.core.domain.billing.Charge;
import network.peere.core.domain.participant.Participant;
import network.peere.core.domain.participant.TrustLevel;
import network.peere.core.domain.shared.Mode;
import network.peere.core.ports.in.billing.BillCustomers;
import network.peere.core.ports.in.billing.Caller;
import network.peere.core.ports.in.billing.Result;
import network.peere.core.ports.out.Clock;
import network.peere.core.ports.out.RandomSource;
import network.peere.persistence.jdbi.Database;
import network.peere.persistence.jdbi.DatabaseSettings;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing requests over HTTP on MariaDB against the simulated bank, beside two baselines measured in the same run: a
 * bare Javalin POST echo (what HTTP alone costs here) and the in-process rate (the core on JDBI and MariaDB, no HTTP).
 * Each client bills its own agreement (one customer each), as a merchant's many customers would. Not part of the normal
 * build (tag {@code benchmark}); run with
 *
 * <pre>{@code ./peere mvn -B test -pl app -am -Dpeere.excludedGroups=none -Dgroups=benchmark \
 *     -Dtest=BillingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dpeere.requireMariaDb=true}</pre>
 *
 * Each of the three runs is warmed up until the JIT is quiet ({@link JitWarmUp}, at most
 * {@code -Dpeere.bench.warmupSeconds=60}), then measured for {@code -Dpeere.bench.seconds=10}. The bank's answers are
 * measured as the rate at which they confirmed bills during the window; bills still pending when it closes are waited
 * for, and how long that took is printed. Benchmark keys get raised rate limits (decisions.md).
 */
@Tag("benchmark")
class BillingBenchmarkTest {
    private static final int CONNECTIONS = 64;
    /**
     * Database connections of the server, and of the in-process run. 16, not one per client: on two cores MariaDB
     * with 64 busy connections spends its time switching between them, and the bank's answers queue behind the bills
     * (docs/benchmarks.md has the sweep); {@code -Dpeere.bench.pool} changes it.
     */
    private static final int POOL = Integer.getInteger("peere.bench.pool", 16);

    private final Duration window = Duration.ofSeconds(Integer.getInteger("peere.bench.seconds", 10));

    @Test
    void bills_over_http_against_a_bare_post_echo_and_the_in_process_rate(@TempDir Path dataDir) throws Exception {
        Javalin bare = Javalin.create(config -> config.routes.post(
                        "/echo",
                        ctx -> ctx.status(201).json(Map.of("statusCode", 201, "success", true, "echo", ctx.body()))))
                .start(0);
        try {
            Figures echo = echo(bare.port());
            Figures inProcess = inProcess();
            Figures http;
            long confirmedAfterMs;
            try (TestDatabase database = TestDatabases.mariaDb();
                    RunningServer server = RunningServer.on(
                            RunningServer.config(database, dataDir, Map.of("PEERE_DB_POOL_SIZE", String.valueOf(POOL))),
                            Clock.of(java.time.Clock.systemUTC()))) {
                Network network = httpNetwork(server);
                List<String> phrases = network.agreementPhrases();
                http = load(
                        phrase -> post(server, network.merchantKey(), phrase),
                        phrases,
                        () -> pending(server, network.merchantKey()));
                waitUntilConfirmed(server, network.merchantKey());
                confirmedAfterMs = (System.nanoTime() - http.end()) / 1_000_000;
                System.out.printf(
                        "%nBENCHMARK billing: %d connections, %d agreements, %d s, MariaDB, simulated bank%n"
                                + "  POST /v1/customer/bill accepted:   %,10.0f bills/s  (p50 %.1f ms, p99 %.1f ms)%n"
                                + "  confirmed by the bank meanwhile:   %,10.0f bills/s  (%,d left pending, answered"
                                + " %d ms after the load stopped)%n"
                                + "  in-process (core + JDBI, no HTTP): %,10.0f bills/s  (p50 %.1f ms, p99 %.1f ms);"
                                + " confirmed meanwhile %,.0f bills/s%n"
                                + "  bare Javalin POST echo:            %,10.0f requests/s%n"
                                + "  HTTP cost: %.0f%% of the in-process rate (aim <= 20%%); HTTP/echo %.2f%n"
                                + "  aim: >= 3,000 bills/s accepted and confirmed, p99 <= 50 ms%n"
                                + "  JIT: echo %s, %.0f%% in the window; in-process %s, %.0f%%; HTTP %s, %.0f%%%n"
                                + "  per bill accepted in the window (with the bank's answers meanwhile): HTTP %s;"
                                + " in-process %s; per echo %s%n"
                                + "  cores busy (JVM with the load generator, and MariaDB), of %d: HTTP %.0f%%, at most"
                                + " %,.0f bills/s at that CPU per bill; in-process %.0f%%, at most %,.0f bills/s%n",
                        CONNECTIONS,
                        phrases.size(),
                        window.toSeconds(),
                        http.rate(),
                        http.p50(),
                        http.p99(),
                        http.confirmed(),
                        http.backlog(),
                        confirmedAfterMs,
                        inProcess.rate(),
                        inProcess.p50(),
                        inProcess.p99(),
                        inProcess.confirmed(),
                        echo.rate(),
                        100 * (1 - http.rate() / inProcess.rate()),
                        http.rate() / echo.rate(),
                        echo.warmUp(),
                        100 * echo.compiling(),
                        inProcess.warmUp(),
                        100 * inProcess.compiling(),
                        http.warmUp(),
                        100 * http.compiling(),
                        http.cost(),
                        inProcess.cost(),
                        echo.cost(),
                        Runtime.getRuntime().availableProcessors(),
                        100 * http.cost().busy(http.rate()),
                        http.cost().ceiling(),
                        100 * inProcess.cost().busy(inProcess.rate()),
                        inProcess.cost().ceiling());
            }
        } finally {
            bare.stop();
        }
    }

    /**
     * What a bill alone costs, in process: 4 clients on agreements of their own, no bank answering (the bills stay
     * pending), so the CPU per bill printed is the accept path's alone, the JVM's and MariaDB's. The figure to watch
     * when the accept path's statements change: it moves far less with the machine's load than a rate does.
     */
    @Test
    void a_bill_alone_in_process_and_its_cpu() throws Exception {
        try (InProcess network = InProcess.open(4)) {
            Figures bills = inProcessLoad(network.peere(), network.caller(), network.phrases(), () -> 0);
            System.out.printf(
                    "%nBENCHMARK a bill alone, in process: %d clients, MariaDB, pool %d, no bank answering, after a %s%n"
                            + "  %,10.0f bills/s (p50 %.1f ms, p99 %.1f ms); per bill %s; %.0f%% of %d cores busy, at"
                            + " most %,.0f bills/s at that CPU per bill%n",
                    network.phrases().size(),
                    POOL,
                    bills.warmUp(),
                    bills.rate(),
                    bills.p50(),
                    bills.p99(),
                    bills.cost(),
                    100 * bills.cost().busy(bills.rate()),
                    Runtime.getRuntime().availableProcessors(),
                    bills.cost().ceiling());
        }
    }

    /**
     * A bank's answers over HTTP: one per {@code POST /v1/billing/bank-response} from 16 clients, against Peere's
     * {@code POST /v1/billing/bank-responses} in batches of 500 from 4 clients, on the same server and the same kind of
     * charges (pending recurring bills; the simulated bank switched off once the agreements are approved). Each side
     * answers a fixed number after a fixed warm-up, so the charges can be billed first; the compiler's share of a core
     * during each is printed.
     */
    @Test
    void bank_answers_one_by_one_against_batches_over_http(@TempDir Path dataDir) throws Exception {
        int singles = Integer.getInteger("peere.bench.singleAnswers", 6_000);
        int batched = Integer.getInteger("peere.bench.batchedAnswers", 30_000);
        int warmUpSingles = 10_000;
        int warmUpBatched = 20_000;
        try (TestDatabase database = TestDatabases.mariaDb();
                RunningServer server = RunningServer.on(
                        RunningServer.config(database, dataDir, Map.of("PEERE_DB_POOL_SIZE", String.valueOf(POOL))),
                        Clock.of(java.time.Clock.systemUTC()))) {
            Network network = httpNetwork(server);
            Response manual = server.api()
                    .put(
                            "/v1/operator/banks/" + network.bankId() + "/simulation",
                            server.operatorKey(),
                            "{\"enabled\":false}");
            assertThat(manual.status()).as(manual.body()).isEqualTo(200);
            List<String> billed = bill(server, network, warmUpSingles + singles + warmUpBatched + batched);
            List<String> pending = billed.subList(0, warmUpSingles + singles + warmUpBatched + batched);
            List<String> forSingles = pending.subList(0, warmUpSingles + singles);
            List<String> forBatches = pending.subList(warmUpSingles + singles, pending.size());

            answerOneByOne(server, network.bankKey(), forSingles.subList(0, warmUpSingles));
            answerInBatches(server, network.bankKey(), forBatches.subList(0, warmUpBatched));
            JitWarmUp.Share compiling = JitWarmUp.Share.start();
            CpuMeter cpu = CpuMeter.now();
            long start = System.nanoTime();
            answerOneByOne(server, network.bankKey(), forSingles.subList(warmUpSingles, forSingles.size()));
            double oneByOne = singles / ((System.nanoTime() - start) / 1e9);
            CpuMeter.Cost oneByOneCost = CpuMeter.since(cpu).per(singles);
            double oneByOneCompiling = compiling.compiling();
            compiling = JitWarmUp.Share.start();
            cpu = CpuMeter.now();
            start = System.nanoTime();
            answerInBatches(server, network.bankKey(), forBatches.subList(warmUpBatched, forBatches.size()));
            double inBatches = batched / ((System.nanoTime() - start) / 1e9);
            CpuMeter.Cost inBatchesCost = CpuMeter.since(cpu).per(batched);
            System.out.printf(
                    "%nBENCHMARK bank answers over HTTP: MariaDB, pool %d, after %,d + %,d unmeasured answers%n"
                            + "  POST /v1/billing/bank-response, 16 clients:             %,8.0f answers/s (%,d; JIT %.0f%%"
                            + " of a core)%n"
                            + "    %s%n"
                            + "  POST /v1/billing/bank-responses, 500 each, 4 clients:   %,8.0f answers/s (%,d; JIT %.0f%%"
                            + " of a core)%n"
                            + "    %s%n"
                            + "  batches/one by one: %.1f%n",
                    POOL,
                    warmUpSingles,
                    warmUpBatched,
                    oneByOne,
                    singles,
                    100 * oneByOneCompiling,
                    oneByOneCost,
                    inBatches,
                    batched,
                    100 * compiling.compiling(),
                    inBatchesCost,
                    inBatches / oneByOne);
            assertThat(pending(server, network.merchantKey()))
                    .as("every bill answered, but the last call's extra ones")
                    .isEqualTo(billed.size() - pending.size());
        }
    }

    /** At least {@code count} pending bills, 64 to a call (one per agreement), from 8 clients: their billing request ids. */
    private List<String> bill(RunningServer server, Network network, int count) throws Exception {
        String body = "{\"agreementPhrases\":[\"" + String.join("\",\"", network.agreementPhrases())
                + "\"],\"amount\":1500,\"currency\":\"NGN\",\"description\":\"Bench\"}";
        int calls = (count + CONNECTIONS - 1) / CONNECTIONS;
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        AtomicLong next = new AtomicLong();
        together(Collections.nCopies(8, () -> {
            while (next.getAndIncrement() < calls) {
                Response billed = server.api().post("/v1/customer/bill", network.merchantKey(), body);
                assertThat(billed.status()).as(billed.body()).isEqualTo(201);
                billed.json().forEach(item -> ids.add(item.get("reference").asText()));
            }
            return null;
        }));
        return new ArrayList<>(ids);
    }

    private void answerOneByOne(RunningServer server, String bankKey, List<String> ids) throws Exception {
        URI uri = URI.create("http://localhost:" + server.port() + "/v1/billing/bank-response");
        sendAll(ids.stream().map(id -> answerRequest(uri, bankKey, answer(id))).toList(), 16);
    }

    private void answerInBatches(RunningServer server, String bankKey, List<String> ids) throws Exception {
        URI uri = URI.create("http://localhost:" + server.port() + "/v1/billing/bank-responses");
        List<HttpRequest> requests = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> answers = ids.subList(from, Math.min(ids.size(), from + 500)).stream()
                    .map(BillingBenchmarkTest::answer)
                    .toList();
            requests.add(answerRequest(uri, bankKey, "{\"responses\":[" + String.join(",", answers) + "]}"));
        }
        sendAll(requests, 4);
    }

    private static String answer(String billingRequestId) {
        return "{\"billingRequestId\":\"" + billingRequestId
                + "\",\"action\":\"approve_recurring\",\"bankTransactionId\":\"bank_" + billingRequestId + "\"}";
    }

    private static HttpRequest answerRequest(URI uri, String bankKey, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + bankKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Sends every request once, from {@code clients} clients; each must be answered 200 (every answer taken). */
    private void sendAll(List<HttpRequest> requests, int clients) throws Exception {
        AtomicLong next = new AtomicLong();
        together(Collections.nCopies(clients, () -> {
            for (long i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                var answer = client.send(requests.get((int) i), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                }
            }
            return null;
        }));
    }

    // ---- HTTP

    private record Network(String merchantKey, String bankId, String bankKey, List<String> agreementPhrases) {}

    private Network httpNetwork(RunningServer server) throws Exception {
        server.raiseOperatorRateLimits();
        String bankId = BenchOperator.created(
                server, "/v1/operator/banks", "{\"name\":\"Bench Bank\",\"email\":\"b@bank.test\"}");
        String merchantId = BenchOperator.created(
                server, "/v1/operator/merchants", "{\"name\":\"Bench Shop\",\"email\":\"b@shop.test\"}");
        BenchOperator.raise(server, bankId);
        BenchOperator.raise(server, merchantId);
        String bank = BenchOperator.key(server, bankId);
        String merchant = BenchOperator.key(server, merchantId);
        Response simulated = server.api()
                .put(
                        "/v1/operator/banks/" + bankId + "/simulation",
                        server.operatorKey(),
                        "{\"enabled\":true,\"delayMs\":0}");
        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            items.add(customerJson(i));
        }
        Response migrated =
                server.api().post("/v1/bank/customers", bank, "{\"customers\":[" + String.join(",", items) + "]}");
        assertThat(migrated.status()).as(migrated.body()).isEqualTo(201);
        List<String> lookupPhrases = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            Response found = server.api().get("/v1/customer/banks?email=bench" + i + "@example.com", merchant);
            lookupPhrases.add(found.data().get("banks").get(0).get("phrase").asText());
        }
        Response intents = server.api()
                .post(
                        "/v1/billing/intent",
                        merchant,
                        "{\"lookupPhrases\":[\"" + String.join("\",\"", lookupPhrases)
                                + "\"],\"currency\":\"NGN\",\"description\":\"Bench plan\",\"type\":\"recurring\"}");
        assertThat(intents.status()).as(intents.body()).isEqualTo(200);
        List<String> agreementPhrases = new ArrayList<>();
        intents.json()
                .forEach(
                        item -> agreementPhrases.add(item.get("agreementPhrase").asText()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (activeDecisions(server, merchant) < CONNECTIONS) {
            assertThat(System.nanoTime())
                    .as("the simulated bank approves the intents")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        return new Network(merchant, bankId, bank, agreementPhrases);
    }

    private static long activeDecisions(RunningServer server, String merchant) {
        Response decisions = server.api().get("/v1/merchant/customer-decisions?limit=100", merchant);
        long active = 0;
        for (JsonNode decision : decisions.data()) {
            active += "active".equals(decision.get("status").asText()) ? 1 : 0;
        }
        return active;
    }

    private static long pending(RunningServer server, String merchant) {
        return server.api()
                .get("/v1/transaction-history?status=pending&limit=1", merchant)
                .data()
                .get("total")
                .asLong();
    }

    /** Waits until no charge is pending at the (simulated) bank. */
    private static void waitUntilConfirmed(RunningServer server, String merchant) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (pending(server, merchant) > 0) {
            assertThat(System.nanoTime()).as("every charge is answered").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private boolean post(RunningServer server, String merchantKey, String phrase) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/v1/customer/bill"))
                .header("Authorization", "Bearer " + merchantKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agreementPhrases\":[\"" + phrase
                        + "\"],\"amount\":1500,\"currency\":\"NGN\",\"description\":\"Bench\"}"))
                .build();
        var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
        }
        return true;
    }

    private Figures echo(int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agreementPhrases\":[\"agp_x\"],\"amount\":1500,"
                        + "\"currency\":\"NGN\",\"description\":\"Bench\"}"))
                .build();
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            slots.add("echo");
        }
        return load(slot -> echoed(request), slots, () -> 0);
    }

    /**
     * One echo, sent again if the JDK client loses its pooled connection (it rarely does, "Data received while in
     * pool", over the hundreds of thousands of echoes a warm-up sends): an echo changes nothing, a bill would.
     */
    private boolean echoed(HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
        } catch (java.io.IOException lost) {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 201;
        }
    }

    // ---- in process

    /**
     * The core on JDBI and MariaDB with as many connections as the server gets (so the two rates differ only by HTTP):
     * a bank, a BASIC merchant as authentication read it (the bill checks its version), and {@code agreements}
     * approved agreements, one customer each.
     */
    private record InProcess(
            TestDatabase schema,
            Database database,
            Peere peere,
            Participant bank,
            Participant merchant,
            List<String> phrases,
            Caller caller)
            implements AutoCloseable {
        static InProcess open(int agreements) {
            TestDatabase schema = TestDatabases.mariaDb();
            Database database = Database.open(new DatabaseSettings(
                    schema.settings().jdbcUrl(),
                    schema.settings().user(),
                    schema.settings().password(),
                    POOL));
            Peere peere = Peere.create(config -> config.stores(database.stores())
                    .clock(Clock.of(java.time.Clock.systemUTC()))
                    .random(RandomSource.of(new Random()))
                    .phraseSealer(TestPhrases.sealer()));
            Participant bank = TestNetwork.bank(peere);
            Participant merchant = TestNetwork.merchant(peere, TrustLevel.BASIC);
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < agreements; i++) {
                emails.add("bench" + i + "@example.com");
            }
            List<String> phrases = TestNetwork.approvedAgreements(peere, bank, merchant, emails);
            Caller caller = Caller.of(TestNetwork.principal(merchant))
                    .authenticatedAs(database.stores()
                            .participants()
                            .find(merchant.mode(), merchant.id())
                            .orElseThrow());
            return new InProcess(schema, database, peere, bank, merchant, phrases, caller);
        }

        @Override
        public void close() {
            database.close();
            schema.close();
        }
    }

    private Figures inProcess() throws Exception {
        try (InProcess network = InProcess.open(CONNECTIONS)) {
            Peere peere = network.peere();
            Participant bank = network.bank();
            Database database = network.database();
            Caller caller = network.caller();
            List<String> agreementPhrases = network.phrases();
            // The sandbox bank answers as in the server (same job, same poll), so both rates pay for its answers.
            assertThat(peere.simulateBanks().configure(bank.id(), Optional.of(Duration.ZERO)))
                    .isInstanceOf(Result.Ok.class);
            try (BillingJobs answering = new BillingJobs(
                            peere.runBillingDeadlines(),
                            peere.simulateBanks(),
                            Duration.ofMillis(PeereConfig.Billing.SANDBOX_BANK_POLL_MS_DEFAULT),
                            peere.settleMerchants(),
                            Duration.ofHours(1))
                    .start()) {
                Figures figures = inProcessLoad(
                        peere,
                        caller,
                        agreementPhrases,
                        () -> awaitingBank(database, bank, Integer.MAX_VALUE).size());
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (!awaitingBank(database, bank, 1).isEmpty()) {
                    assertThat(System.nanoTime()).as("every charge is answered").isLessThan(deadline);
                    Thread.sleep(20);
                }
                return figures;
            }
        }
    }

    private static List<Charge> awaitingBank(Database database, Participant bank, int limit) {
        return database.stores()
                .charges()
                .awaitingBank(Mode.SANDBOX, bank.id(), Instant.now().plusSeconds(3600), limit);
    }

    private Figures inProcessLoad(Peere peere, Caller caller, List<String> agreementPhrases, LongSupplier pending)
            throws Exception {
        return load(
                phrase -> peere.billCustomers()
                                        .bill(new BillCustomers.Command(
                                                caller,
                                                List.of(phrase),
                                                new BigDecimal("1500"),
                                                Currency.getInstance("NGN"),
                                                "Bench",
                                                Optional.empty(),
                                                false))
                                instanceof Result.Ok<List<BillCustomers.Item>> ok
                        && ok.value().getFirst() instanceof BillCustomers.Item.Accepted,
                agreementPhrases,
                pending);
    }

    private static String customerJson(int i) {
        return "{\"clientRef\":\"client-" + i + "\",\"reference\":\"ref-" + i + "\",\"firstname\":\"Adaeze\","
                + "\"lastname\":\"Okafor\",\"accountName\":\"Adaeze Okafor\",\"accountNumber\":\"0123456789\","
                + "\"email\":\"bench" + i + "@example.com\",\"country\":\"NG\"}";
    }

    // ---- load

    @FunctionalInterface
    private interface Call {
        boolean send(String slot) throws Exception;
    }

    /**
     * Bills accepted in the measured window, their rate and latencies, the compiler's share of a core during the window,
     * and how the warm-up ended; {@code confirmed} is the rate at which the bank's answers confirmed bills during the
     * window (those pending when it opened, plus those accepted in it, less those pending when it closed), and
     * {@code backlog} what was left pending at its end, {@code end} when it closed ({@link System#nanoTime}).
     */
    private record Figures(
            double rate,
            double p50,
            double p99,
            JitWarmUp.Done warmUp,
            double compiling,
            double confirmed,
            long backlog,
            long end,
            CpuMeter.Cost cost) {}

    /**
     * One client per slot, back to back: warmed up until the JIT is quiet ({@link JitWarmUp}), then measured for the
     * window; {@code pending} counts the bills not yet answered when the window opens (0 where nothing is billed).
     */
    private Figures load(Call call, List<String> slots, LongSupplier pending) throws Exception {
        JitWarmUp.Done warmUp =
                JitWarmUp.run(length -> run(call, slots, length, new AtomicLong(), new ConcurrentLinkedQueue<>()));
        AtomicLong done = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long firstSample = System.nanoTime();
        long pendingAtStart = pending.getAsLong();
        JitWarmUp.Share compiler = JitWarmUp.Share.start();
        CpuMeter cpu = CpuMeter.now();
        long start = System.nanoTime();
        run(call, slots, window, done, latencies);
        long end = System.nanoTime();
        CpuMeter.Cost cost = CpuMeter.since(cpu).per(Math.max(1, done.get()));
        double compiling = compiler.compiling();
        long backlog = pending.getAsLong();
        // Answers are counted between the two samples of what is pending, so over the time between them.
        double sampled = (System.nanoTime() - firstSample) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Figures(
                done.get() / ((end - start) / 1e9),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                warmUp,
                compiling,
                (pendingAtStart + done.get() - backlog) / sampled,
                backlog,
                end,
                cost);
    }

    private static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(q * sortedNanos.length))] / 1e6;
    }

    private static void run(
            Call call, List<String> slots, Duration length, AtomicLong done, ConcurrentLinkedQueue<Long> latencies)
            throws Exception {
        long end = System.nanoTime() + length.toNanos();
        together(slots.stream()
                .<Callable<Void>>map(slot -> () -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        if (!call.send(slot)) {
                            throw new IllegalStateException("a call was refused");
                        }
                        latencies.add(System.nanoTime() - start);
                        done.incrementAndGet();
                    }
                    return null;
                })
                .toList());
    }

    /** Runs each task on a thread of its own and waits for them all; a failure of any is thrown. */
    private static void together(List<Callable<Void>> tasks) throws Exception {
        try (var threads = Executors.newFixedThreadPool(tasks.size())) {
            for (var finished : threads.invokeAll(tasks)) {
                finished.get();
            }
        }
    }
}
