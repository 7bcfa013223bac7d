package network.peere.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A plain {@link HttpClient} against a running server. Every answer to a documented path is checked against
 * docs/openapi.yaml as it arrives, so the end-to-end tests double as the contract test.
 */
public final class HttpApi {
    private final HttpClient client;
    private final int port;
    private final String baseUrl;
    private final OpenApiContract contract = OpenApiContract.get();

    public HttpApi(int port) {
        this(
                port,
                "http://localhost:" + port,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private HttpApi(int port, String baseUrl, HttpClient client) {
        this.port = port;
        this.baseUrl = baseUrl;
        this.client = client;
    }

    /**
     * The same server, called from another loopback address ({@code 127.0.0.2} …), for routes limited per client
     * address: each such client starts with full buckets.
     */
    public HttpApi from(java.net.InetAddress clientAddress) {
        // To 127.0.0.1, not localhost: an IPv6 ::1 could not be reached from an IPv4 source address.
        return new HttpApi(
                port,
                "http://127.0.0.1:" + port,
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .localAddress(clientAddress)
                        .build());
    }

    public Response get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    public Response post(String path, String key, String jsonBody) {
        return send("POST", path, key, jsonBody, Map.of("Content-Type", "application/json"));
    }

    public Response patch(String path, String key, String jsonBody) {
        return send("PATCH", path, key, jsonBody, Map.of("Content-Type", "application/json"));
    }

    public Response put(String path, String key, String jsonBody) {
        return send("PUT", path, key, jsonBody, Map.of("Content-Type", "application/json"));
    }

    public Response delete(String path, String key) {
        return send("DELETE", path, key, null, Map.of());
    }

    /**
     * As {@link #send}, for a request the server refuses and then closes the connection on (a body too large, a
     * broken multipart): its answer can race the rest of the upload and arrive as a closed connection instead. Such a
     * send is tried again, at most three times; what the test asserts is still the server's answer.
     */
    public Response sendRefusedBody(String method, String path, String key, String body, Map<String, String> headers) {
        java.io.UncheckedIOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return send(method, path, key, body, headers);
            } catch (java.io.UncheckedIOException closed) {
                last = closed;
            }
        }
        throw last;
    }

    public Response send(String method, String path, String key, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Expect") && value.equalsIgnoreCase("100-continue")) {
                // A restricted header: the client sends it itself, and then waits for the server before the body.
                request.expectContinue(true);
            } else {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var response = new Response(answer.statusCode(), answer.headers(), answer.body());
            String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (contract.templateFor(pathOnly).isPresent()) {
                contract.assertConforms(method, pathOnly, response.status(), response.contentType(), response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
