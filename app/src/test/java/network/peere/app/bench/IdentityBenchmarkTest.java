package network.peere.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import network.peere.app.testing.RunningServer;
import network.peere.persistence.testing.TestDatabase;
import network.peere.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity directory's two figures, each against a baseline measured in the same run on the same machine, so the
 * ratio means something however busy the machine is. Not part of the normal build (tag {@code benchmark}); run with
 *
 * <pre>{@code ./peere mvn -B test -pl app -am -Dpeere.excludedGroups=none -Dgroups=benchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dpeere.requireMariaDb=true}</pre>
 *
 * {@code -Dpeere.bench.customers=100000}, {@code -Dpeere.bench.clients=4} and {@code -Dpeere.bench.seconds=10} size
 * the runs; each is warmed up until the JIT is quiet ({@link JitWarmUp}, at most
 * {@code -Dpeere.bench.warmupSeconds=60}); {@code -Dtest='IdentityBenchmarkTest#*migration*'} runs only the migration
 * figures. Benchmark keys get raised rate limits (decisions.md); the defaults stay the defaults.
 */
@Tag("benchmark")
class IdentityBenchmarkTest {
    private static final int BATCH = 500;
    private static final int CONNECTIONS = 64;
    private static final String COLUMNS = "id, mode, bank_id, phrase, client_ref, reference, firstname, lastname,"
            + " account_name, account_number, email, phone, country, created_at, updated_at, version";

    /** A multiple of {@link #BATCH}. */
    private final int customers = Integer.getInteger("peere.bench.customers", 100_000) / BATCH * BATCH;

    private final Duration window = Duration.ofSeconds(Integer.getInteger("peere.bench.seconds", 10));

    @Test
    void migration_through_the_api_against_a_bare_multi_row_insert(@TempDir Path dataDir) throws Exception {
        // What the HTTP exchange alone costs: the same client sends the same 500-item body to a handler that only
        // reads it and answers with a real answer's bytes (the API's latest answer in the warm-up).
        byte[][] sameAnswer = {new byte[0]};
        Javalin exchange = Javalin.create(config -> config.routes.post("/v1/bank/customers", ctx -> {
                    ctx.bodyAsBytes();
                    ctx.status(201).contentType("application/json").result(sameAnswer[0]);
                }))
                .start(0);
        try (TestDatabase baseline = TestDatabases.mariaDb();
                TestDatabase database = TestDatabases.mariaDb();
                RunningServer server = RunningServer.on(database, dataDir);
                Connection bare = baseline.dataSource().getConnection();
                PreparedStatement insert = bare.prepareStatement(bareInsert())) {
            String bank = bankKey(server);
            // A plain client: the test client's OpenAPI check of each 500-item answer would compete for the CPU.
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + server.port() + "/v1/bank/customers");
            URI exchangeUri = URI.create("http://localhost:" + exchange.port() + "/v1/bank/customers");
            bare.setAutoCommit(true);
            JitWarmUp.Done warmedUp = warmUp(client, uri, bank, insert, exchangeUri, sameAnswer, database, baseline);
            long apiNanos = 0;
            long bareNanos = 0;
            long exchangeNanos = 0;
            CpuMeter apiCpu = CpuMeter.NONE;
            CpuMeter bareCpu = CpuMeter.NONE;
            CpuMeter exchangeCpu = CpuMeter.NONE;
            // Batch by batch, in turn, so all three see the same machine: other builds share it.
            for (int from = 0; from < customers; from += BATCH) {
                var request = batch(uri, bank, from);
                CpuMeter cpu = CpuMeter.now();
                long start = System.nanoTime();
                var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                apiNanos += System.nanoTime() - start;
                apiCpu = apiCpu.plus(CpuMeter.since(cpu));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

                cpu = CpuMeter.now();
                start = System.nanoTime();
                bindBareRows(insert, from);
                insert.executeUpdate();
                bareNanos += System.nanoTime() - start;
                bareCpu = bareCpu.plus(CpuMeter.since(cpu));

                var same = batch(exchangeUri, bank, from);
                cpu = CpuMeter.now();
                start = System.nanoTime();
                var echoed = client.send(same, HttpResponse.BodyHandlers.ofString());
                exchangeNanos += System.nanoTime() - start;
                exchangeCpu = exchangeCpu.plus(CpuMeter.since(cpu));
                assertThat(echoed.statusCode()).isEqualTo(201);
            }
            int batches = customers / BATCH;
            double api = customers / (apiNanos / 1e9);
            double bareRate = customers / (bareNanos / 1e9);
            double apiMs = apiNanos / 1e6 / batches;
            double bareMs = bareNanos / 1e6 / batches;
            double exchangeMs = exchangeNanos / 1e6 / batches;
            System.out.printf(
                    "%nBENCHMARK migration: %,d customers in batches of %d on MariaDB, after a %s%n"
                            + "  API  (POST /v1/bank/customers): %,10.0f customers/s  %5.1f ms a batch  (%s)%n"
                            + "  bare multi-row INSERT over JDBC: %,10.0f rows/s       %5.1f ms a batch  (%s)%n"
                            + "  ratio: %.2f (aim >= 0.8)%n"
                            + "  the same bodies in and out, empty handler:             %5.1f ms a batch  (%s)%n"
                            + "  the bare INSERT and that exchange one after the other: ratio %.2f; the API's own"
                            + " work on top of both: %.1f ms a batch%n",
                    customers,
                    BATCH,
                    warmedUp,
                    api,
                    apiMs,
                    apiCpu.per(batches),
                    bareRate,
                    bareMs,
                    bareCpu.per(batches),
                    api / bareRate,
                    exchangeMs,
                    exchangeCpu.per(batches),
                    bareMs / (bareMs + exchangeMs),
                    apiMs - bareMs - exchangeMs);
        } finally {
            exchange.stop();
        }
    }

    /**
     * Unmeasured batches on both sides, one after the other (customers numbered past the measured ones), until the JIT
     * is quiet ({@link JitWarmUp}): the server's path is far longer than the bare INSERT's, and the JIT compiles it
     * during the first batches. Where {@code exchangeUri} is given, each batch is also sent there, and the API's
     * latest answer is kept in {@code sameAnswer} for that handler to send back. The warm-up's rows (customers, and
     * batch results on the API's side) are then removed on both sides (TRUNCATE: a DELETE would leave the purge of its
     * rows running), so the measured customers go into tables as small as the spec's: how fast a table takes rows
     * depends on how large it already is (its indexes outgrow the buffer pool), which would otherwise slow the bare
     * side more than the API's and flatter the ratio.
     */
    private JitWarmUp.Done warmUp(
            HttpClient client,
            URI uri,
            String bank,
            PreparedStatement insert,
            URI exchangeUri,
            byte[][] sameAnswer,
            TestDatabase... schemas)
            throws Exception {
        int[] next = {customers};
        JitWarmUp.Done done = JitWarmUp.run(length -> {
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                var answer = client.send(batch(uri, bank, next[0]), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(201);
                sameAnswer[0] = answer.body();
                bindBareRows(insert, next[0]);
                insert.executeUpdate();
                if (exchangeUri != null) {
                    client.send(batch(exchangeUri, bank, next[0]), HttpResponse.BodyHandlers.ofString());
                }
                next[0] += BATCH;
            }
        });
        for (TestDatabase schema : schemas) {
            try (Connection connection = schema.dataSource().getConnection();
                    var delete = connection.createStatement()) {
                delete.executeUpdate("TRUNCATE TABLE customers");
                delete.executeUpdate("TRUNCATE TABLE customer_batches");
            }
        }
        return done;
    }

    /**
     * As above with {@code peere.bench.clients} (default 4) clients at once on both sides: a round of that many API
     * batches sent together, then that many bare INSERTs on as many connections together, and so on. A bank migrating
     * a large book can send batches concurrently (docs/banks.md); the one-client figure above stays the headline.
     */
    @Test
    void concurrent_migration_through_the_api_against_concurrent_bare_inserts(@TempDir Path dataDir) throws Exception {
        int clients = Integer.getInteger("peere.bench.clients", 4);
        try (TestDatabase baseline = TestDatabases.mariaDb();
                TestDatabase database = TestDatabases.mariaDb();
                RunningServer server = RunningServer.on(database, dataDir)) {
            String bank = bankKey(server);
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + server.port() + "/v1/bank/customers");
            List<Connection> connections = new ArrayList<>();
            List<PreparedStatement> inserts = new ArrayList<>();
            try {
                for (int c = 0; c < clients; c++) {
                    Connection connection = baseline.dataSource().getConnection();
                    connection.setAutoCommit(true);
                    connections.add(connection);
                    inserts.add(connection.prepareStatement(bareInsert()));
                }
                warmUp(client, uri, bank, inserts.get(0), null, new byte[1][], database, baseline);
                long apiNanos = 0;
                long bareNanos = 0;
                int round = BATCH * clients;
                int total = customers / round * round;
                for (int from = 0; from < total; from += round) {
                    int first = from;
                    long start = System.nanoTime();
                    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int c = 0; c < clients; c++) {
                            int batchStart = first + c * BATCH;
                            threads.submit(() -> {
                                var answer =
                                        client.send(batch(uri, bank, batchStart), HttpResponse.BodyHandlers.ofString());
                                assertThat(answer.statusCode())
                                        .as(answer.body())
                                        .isEqualTo(201);
                                return null;
                            });
                        }
                    }
                    apiNanos += System.nanoTime() - start;
                    start = System.nanoTime();
                    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int c = 0; c < clients; c++) {
                            PreparedStatement insert = inserts.get(c);
                            int batchStart = first + c * BATCH;
                            threads.submit(() -> {
                                bindBareRows(insert, batchStart);
                                insert.executeUpdate();
                                return null;
                            });
                        }
                    }
                    bareNanos += System.nanoTime() - start;
                }
                double api = total / (apiNanos / 1e9);
                double bareRate = total / (bareNanos / 1e9);
                System.out.printf(
                        "%nBENCHMARK concurrent migration: %,d customers in batches of %d, %d clients on MariaDB%n"
                                + "  API  (POST /v1/bank/customers): %,10.0f customers/s%n"
                                + "  bare multi-row INSERT over JDBC: %,10.0f rows/s%n"
                                + "  ratio: %.2f%n",
                        total, BATCH, clients, api, bareRate, api / bareRate);
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void email_lookup_over_http_against_a_bare_javalin_get(@TempDir Path dataDir) throws Exception {
        Javalin bare = Javalin.create(config -> config.routes.get(
                        "/ping",
                        ctx -> ctx.json(java.util.Map.of("statusCode", 200, "success", true, "message", "pong"))))
                .start(0);
        try (TestDatabase database = TestDatabases.mariaDb();
                RunningServer server = RunningServer.on(database, dataDir)) {
            String bank = bankKey(server);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(item(i));
            }
            assertThat(server.api()
                            .post("/v1/bank/customers", bank, "{\"customers\":[" + String.join(",", items) + "]}")
                            .status())
                    .isEqualTo(201);
            String merchantId = BenchOperator.created(
                    server, "/v1/operator/merchants", "{\"name\":\"Bench Shop\",\"email\":\"b@s.test\"}");
            BenchOperator.raise(server, merchantId);
            String merchant = BenchOperator.key(server, merchantId);
            String base = "http://localhost:" + server.port();
            double baseline = load(URI.create("http://localhost:" + bare.port() + "/ping"), null);
            double lookups = load(URI.create(base + "/v1/customer/banks?email=bench7@example.com"), merchant);
            System.out.printf(
                    "%nBENCHMARK email lookup: %d connections, %d s each%n"
                            + "  GET /v1/customer/banks?email=: %,10.0f requests/s%n"
                            + "  bare Javalin GET:              %,10.0f requests/s%n"
                            + "  ratio: %.2f (aim >= 0.6)%n",
                    CONNECTIONS, window.toSeconds(), lookups, baseline, lookups / baseline);
        } finally {
            bare.stop();
        }
    }

    /**
     * Requests per second with {@link #CONNECTIONS} clients sending back to back, after a warm-up until the JIT is
     * quiet.
     */
    private double load(URI uri, String key) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var builder = HttpRequest.newBuilder(uri).GET();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        HttpRequest request = builder.build();
        JitWarmUp.run(length -> run(client, request, length, new AtomicLong()));
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        run(client, request, window, done);
        return done.get() / seconds(start);
    }

    private void run(HttpClient client, HttpRequest request, Duration length, AtomicLong done) throws Exception {
        Instant end = Instant.now().plus(length);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                threads.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                        }
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
        }
    }

    private static String bareInsert() {
        StringBuilder sql = new StringBuilder("INSERT INTO customers (" + COLUMNS + ") VALUES ");
        for (int r = 0; r < BATCH; r++) {
            sql.append(r == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        return sql.toString();
    }

    /** The same rows the API batch stores (what a bank would send), bound as a bare client would. */
    private static void bindBareRows(PreparedStatement insert, int from) throws java.sql.SQLException {
        String now = "2026-11-23 09:00:00.000000";
        int p = 1;
        for (int i = from; i < from + BATCH; i++) {
            for (Object value : List.of(
                    "cus_bench" + i,
                    "SANDBOX",
                    "bank_bench",
                    "phr_bench" + i,
                    "client-" + i,
                    "ref-" + i,
                    "Adaeze",
                    "Okafor",
                    "Adaeze Okafor",
                    "0123456789",
                    "bench" + i + "@example.com",
                    "+23480" + (10_000_000 + i),
                    "NG",
                    now,
                    now,
                    1)) {
                insert.setObject(p++, value);
            }
        }
    }

    /** The migration call for customers {@code from} … {@code from + BATCH - 1}. */
    private static HttpRequest batch(URI uri, String bank, int from) {
        List<String> items = new ArrayList<>(BATCH);
        for (int i = from; i < from + BATCH; i++) {
            items.add(item(i));
        }
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + bank)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customers\":[" + String.join(",", items) + "]}"))
                .build();
    }

    private static String item(int i) {
        return "{\"clientRef\":\"client-" + i + "\",\"reference\":\"ref-" + i + "\",\"firstname\":\"Adaeze\","
                + "\"lastname\":\"Okafor\",\"accountName\":\"Adaeze Okafor\",\"accountNumber\":\"0123456789\","
                + "\"email\":\"bench" + i + "@example.com\",\"phone\":\"+23480" + (10_000_000 + i) + "\","
                + "\"country\":\"NG\"}";
    }

    private static String bankKey(RunningServer server) {
        server.raiseOperatorRateLimits();
        String bankId = BenchOperator.created(
                server, "/v1/operator/banks", "{\"name\":\"Bench Bank\",\"email\":\"b@bank.test\"}");
        BenchOperator.raise(server, bankId);
        return BenchOperator.key(server, bankId);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
