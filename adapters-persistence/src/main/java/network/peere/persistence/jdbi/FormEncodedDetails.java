package network.peere.persistence.jdbi;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Audit details as {@code name=value&…} (form encoding): unambiguous, readable in a SQL console, no JSON library. */
final class FormEncodedDetails {
    private FormEncodedDetails() {}

    static String encode(Map<String, String> details) {
        return details.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String text) {
        Map<String, String> details = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            details.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return details;
    }
}
