package network.peere.persistence.jdbi;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Audit details as {@code name=value&…} (form encoding): unambiguous, readable in a SQL console, no JSON library. */
final class FormEncodedDetails {
    private FormEncodedDetails() {}

    static String encode(Map<String, String> details) {
        var out = new StringBuilder();
        for (var entry : details.entrySet()) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            pair(out, entry.getKey(), entry.getValue());
        }
        return out.toString();
    }

    /** Appends one encoded {@code name=value}; the caller writes the {@code &} between pairs. */
    static void pair(StringBuilder out, String name, String value) {
        appendEncoded(out, name);
        out.append('=');
        appendEncoded(out, value);
    }

    /**
     * As {@link URLEncoder#encode(String, java.nio.charset.Charset)} in UTF-8, which leaves letters, digits and
     * {@code .-*_} alone: such text (ids, most references) is copied as it is, which a 500-item batch result does
     * thousands of times; anything else goes through the JDK's encoder.
     */
    private static void appendEncoded(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isUnreserved(text.charAt(i))) {
                out.append(URLEncoder.encode(text, StandardCharsets.UTF_8));
                return;
            }
        }
        out.append(text);
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-'
                || c == '*'
                || c == '_';
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
