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
                    try {
                        // A refusal before the body is read may close the connection under the rest of it, which
                        // the client then sees on its next request; such a send is tried again on a new one.
                        Response answer = api.sendRefusedBody(
                                write.method(),
                                path,
                                key.getValue(),
                                body.getValue(),
                                Map.of("Content-Type", "application/json"));
                        if (answer.status() >= 500) {
                            wrong.add(what + ": " + answer.status() + " " + answer.body());
                        } else if (answer.status() >= 400 && answer.code().isEmpty()) {
                            wrong.add(what + ": " + answer.status() + " without a code: " + answer.body());
                        }
                    } catch (AssertionError | RuntimeException e) {
                        wrong.add(what + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(1_000);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
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
                        try {
                            Response answer = api.get(query, key);
                            if (answer.status() >= 500) {
                                wrong.add("GET " + query + ": " + answer.status() + " " + answer.body());
                            } else if (answer.status() >= 400 && answer.code().isEmpty()) {
                                wrong.add("GET " + query + ": " + answer.status() + " without a code");
                            }
                        } catch (AssertionError | RuntimeException e) {
                            wrong.add("GET " + query + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(1_000);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
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
        return path.replaceAll("\\{[^/}]+}", "zz_unknown_1");
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
