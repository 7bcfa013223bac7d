package network.peere.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/** A real HTTP answer: status, headers and body, with the body readable as JSON. */
public record Response(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("body is not JSON: " + body, e);
        }
    }

    public JsonNode data() {
        return json().get("data");
    }

    /** The stable error code of a problem answer. */
    public String code() {
        return json().path("code").asText();
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }
}
