package network.peere.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import network.peere.app.testing.OpenApiContract;
import network.peere.app.testing.Response;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error: every documented route that takes a JSON body is sent bodies no client should send
 * — broken JSON, the wrong kind of JSON, each documented member as a 10,000-character string, as an object, as a
 * number past any range — with each participant's key and with none. Each answer must be a problem with a stable
 * {@code code} and a 4xx status that docs/openapi.yaml lists for the route (the client checks every answer against
 * it), or a success the route documents; never a 5xx. Every documented query parameter gets the same treatment. One subclass per database: a string too long for its column
 * is the database's to refuse, and MariaDB and H2 refuse differently.
 */
abstract class HostileBodiesApiContract extends SandboxPartiesContract {
    private static final String LONG = "x".repeat(10_000);

    /** A path template's parameter, {@code {name}}. */
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile("\\{[^/}]+}");

    /** Path segments no client should send, URL-encoded: long, NUL, dots, an encoded slash, a bidi control. */
    private static final List<String> HOSTILE_PATH_VALUES =
            List.of("z".repeat(1_000), "%00", "%2E%2E", "a%2Fb", "-1", "%E2%80%AE", "%20");

    /** Header values a client may send by mistake: long, spaced, escaped, quoted. */
    private static final List<String> HOSTILE_HEADER_VALUES = List.of("k".repeat(300), "a b c", "%00", "\"quoted\"");

    /**
     * One member's value no client should send, as JSON: blank by Unicode's measure, a NUL, past every column, the
     * wrong kind, out of every range, null.
     */
    private static final List<String> HOSTILE_MEMBER_VALUES =
            List.of("\"\\u3000\"", "\"\\u0000\"", "\"" + LONG + "\"", "{}", "[]", "-1", "1e400", "null", "true");

    /**
     * Query values no client should send, URL-encoded: long (within Jetty's 8 KiB request line), negative, past any
     * number's range, fractional, a NUL, a JSON array, blank.
     */
    private static final List<String> HOSTILE_QUERY_VALUES =
            List.of("y".repeat(1_000), "-1", "1e400", "99999999999999999999", "0.5", "%00", "%5B%5D", "%20");

    HostileBodiesApiContract() {
        super("Hostile Bank", "Hostile Shop");
    }

    @Test
    void every_json_route_answers_hostile_bodies_with_a_documented_problem_never_a_server_error() {
        server.raiseOperatorRateLimits();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("operator", operator);
        keys.put("bank", bank);
        keys.put("merchant", merchant);
        keys.put("provider", provider);
        keys.put("nobody", null);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (OpenApiContract.JsonWrite write : OpenApiContract.get().jsonWrites()) {
            String path = concrete(write.template());
            for (Map.Entry<String, String> body : bodies(write.members()).entrySet()) {
                for (Map.Entry<String, String> key : keys.entrySet()) {
                    String what = write.method() + " " + path + " as " + key.getKey() + " with " + body.getKey();
                    sent++;
                    check(wrong, what, write.method(), path, key.getValue(), body.getValue(), Map.of());
                }
            }
        }
        assertThat(sent).isGreaterThan(1_000);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    @Test
    void every_member_alone_hostile_in_an_otherwise_plausible_body_never_gets_a_server_error() {
        server.raiseOperatorRateLimits();
        List<String> wrong = new ArrayList<>();
        java.util.Set<String> codes = new java.util.HashSet<>();
        int sent = 0;
        for (OpenApiContract.JsonWrite write : OpenApiContract.get().jsonWrites()) {
            String path = concrete(write.template());
            for (String member : write.members()) {
                for (String value : HOSTILE_MEMBER_VALUES) {
                    Map<String, String> members = new LinkedHashMap<>(write.sample());
                    members.put(member, value);
                    String body = object(List.copyOf(members.keySet()), members::get);
                    for (String key : new String[] {operator, bank, merchant, provider}) {
                        sent++;
                        codes.add(check(
                                wrong,
                                write.method() + " " + path + " with " + member,
                                write.method(),
                                path,
                                key,
                                body,
                                Map.of()));
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(5_000);
        // The plausible bodies got past the routes' own checks: some hostile members were refused field by field,
        // and some (an optional member sent as null) were taken.
        assertThat(codes).contains("invalid_request", "");
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    @Test
    void every_peerwallet_field_alone_hostile_never_gets_a_server_error() {
        Map<String, Map<String, String>> routes = new LinkedHashMap<>();
        Map<String, String> link = new LinkedHashMap<>();
        link.put("email", "ada@example.com");
        link.put("amount", "10");
        link.put("currency_code", "NGN");
        link.put("secret", "hostile-link");
        link.put("post_url", "https://example.com/callback");
        link.put("recurring", "yes");
        link.put("recurring_duration", "monthly");
        link.put("description", "Box");
        for (String optional : List.of("fname", "lname", "address", "city", "state", "postal", "country", "phone")) {
            link.put(optional, "Sample");
        }
        link.put("language", "en");
        routes.put("create-link", link);
        routes.put("verify-payment", Map.of("secret", "hostile-link"));
        routes.put("transaction", Map.of("invoice_id", "txn_unknown"));
        List<String> wrong = new ArrayList<>();
        for (var route : routes.entrySet()) {
            String keyField = route.getKey().equals("create-link") ? "api-public-key" : "api-private-key";
            for (String field : route.getValue().keySet()) {
                for (String value : List.of("\u0000", "\u3000", "\u2028", " ", "x".repeat(10_000))) {
                    Map<String, String> fields = new LinkedHashMap<>(route.getValue());
                    fields.put(field, value);
                    String form = fields.entrySet().stream()
                            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                            .collect(java.util.stream.Collectors.joining("&"));
                    String what = route.getKey() + " with " + field + " as " + describe(value);
                    try {
                        Response answer = send(
                                "POST",
                                "/peerwallet/" + route.getKey(),
                                null,
                                form,
                                Map.of("Content-Type", "application/x-www-form-urlencoded", keyField, merchant));
                        if (answer.status() >= 500) {
                            wrong.add(what + ": " + answer.status() + " " + answer.body());
                        }
                    } catch (AssertionError | RuntimeException e) {
                        wrong.add(what + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    /**
     * A refusal before the body is read (403, 404) closes the connection under the rest of it, and the client learns
     * it only when it next sends on that pooled connection: a send lost that way is tried again, as often as the
     * pool may hold such connections. A server that never answers still fails after the last try.
     */
    private Response send(String method, String path, String key, String body, Map<String, String> headers) {
        java.io.UncheckedIOException lost = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                return api.send(method, path, key, body, headers);
            } catch (java.io.UncheckedIOException closed) {
                lost = closed;
            }
        }
        throw lost;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String describe(String value) {
        return value.length() > 20 ? value.length() + " characters" : "U+" + Integer.toHexString(value.charAt(0));
    }

    @Test
    void every_query_parameter_answers_hostile_values_with_a_documented_problem_never_a_server_error() {
        server.raiseOperatorRateLimits();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (OpenApiContract.QueryRead read : OpenApiContract.get().queryReads()) {
            if (!read.template().startsWith("/v1/")) {
                continue; // the pay page's HTML and its assets answer HTML, not problems
            }
            String path = concrete(read.template());
            for (String parameter : read.parameters()) {
                for (String value : HOSTILE_QUERY_VALUES) {
                    for (String key : new String[] {operator, bank, merchant, provider}) {
                        String query = path + "?" + parameter + "=" + value;
                        sent++;
                        check(wrong, "GET " + query, "GET", query, key, null, Map.of());
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(1_000);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    @Test
    void every_path_parameter_and_idempotency_key_answers_hostile_values_with_a_documented_problem() {
        server.raiseOperatorRateLimits();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (OpenApiContract.Operation operation : OpenApiContract.get().operations()) {
            if (!operation.template().startsWith("/v1/")) {
                continue; // the pay page's HTML and its assets answer HTML, not problems
            }
            List<String> paths = new ArrayList<>();
            if (operation.template().contains("{")) {
                HOSTILE_PATH_VALUES.forEach(value ->
                        paths.add(PARAMETER.matcher(operation.template()).replaceAll(value)));
            }
            boolean writes =
                    !operation.method().equals("GET") && !operation.method().equals("DELETE");
            for (String path : paths) {
                for (String key : new String[] {operator, bank, merchant, provider}) {
                    sent++;
                    check(
                            wrong,
                            operation.method() + " " + path,
                            operation.method(),
                            path,
                            key,
                            writes ? "{}" : null,
                            Map.of());
                }
            }
            if (writes) {
                for (String idempotencyKey : HOSTILE_HEADER_VALUES) {
                    sent++;
                    check(
                            wrong,
                            operation.method() + " " + operation.template() + " with the key " + idempotencyKey,
                            operation.method(),
                            concrete(operation.template()),
                            merchant,
                            "{}",
                            Map.of("Idempotency-Key", idempotencyKey, "X-Request-Id", idempotencyKey));
                }
            }
        }
        assertThat(sent).isGreaterThan(500);
        // What Jetty refuses before any route runs is a problem like any other.
        Response nul = api.get("/v1/operator/participants/%00", operator);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.code()).isEqualTo("invalid_request");
        String big = "k".repeat(4_000);
        Response headers =
                api.send("GET", "/v1/merchant", merchant, null, Map.of("X-Request-Id", big, "Idempotency-Key", big));
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.contentType()).startsWith("application/problem+json");
        assertThat(headers.code()).isEqualTo("headers_too_large");
        assertThat(headers.header("X-Request-Id")).startsWith("req_");
        assertThat(headers.json().get("requestId").asText()).isEqualTo(headers.header("X-Request-Id"));
        assertThat(nul.json().get("requestId").asText()).isEqualTo(nul.header("X-Request-Id"));
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    /** Sends one request and notes what is wrong with its answer; the answer's code ("" for a success), or null. */
    private String check(
            List<String> wrong,
            String what,
            String method,
            String path,
            String key,
            String body,
            Map<String, String> headers) {
        var all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        try {
            Response answer = send(method, path, key, body, all);
            if (answer.status() >= 500) {
                wrong.add(what + ": " + answer.status() + " " + answer.body());
            } else if (answer.status() >= 400 && answer.code().isEmpty()) {
                wrong.add(what + ": " + answer.status() + " without a code: " + answer.body());
            }
            return answer.status() < 400 ? "" : answer.code();
        } catch (AssertionError | RuntimeException e) {
            wrong.add(what + ": " + e.getMessage());
            return null;
        }
    }

    /** The template with its parameters filled: participants' ids where the route names one, else an unknown id. */
    private String concrete(String template) {
        Map<String, String> known = Map.of(
                "{participantId}", merchantId,
                "{merchantId}", merchantId,
                "{bankId}", bankId);
        String path = template;
        for (var entry : known.entrySet()) {
            path = path.replace(entry.getKey(), entry.getValue());
        }
        return PARAMETER.matcher(path).replaceAll("zz_unknown_1");
    }

    private static Map<String, String> bodies(List<String> members) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("broken JSON", "{\"");
        bodies.put("an array", "[]");
        bodies.put("a string", "\"text\"");
        bodies.put("null", "null");
        bodies.put("deep nesting", "[".repeat(5_000) + "]".repeat(5_000));
        if (!members.isEmpty()) {
            bodies.put("long strings", object(members, member -> "\"" + LONG + "\""));
            bodies.put("objects", object(members, member -> "{}"));
            bodies.put("control characters", object(members, member -> "\"\\u0000\""));
            bodies.put("lists of control characters", object(members, member -> "[\"\\u0000\"]"));
            bodies.put("huge numbers", object(members, member -> "1e400"));
            bodies.put("negative numbers", object(members, member -> "-1"));
        }
        return bodies;
    }

    private static String object(List<String> members, Function<String, String> value) {
        var json = new StringBuilder("{");
        for (String member : members) {
            json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(member)
                    .append("\":")
                    .append(value.apply(member));
        }
        return json.append('}').toString();
    }
}
