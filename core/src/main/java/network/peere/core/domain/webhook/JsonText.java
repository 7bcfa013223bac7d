package network.peere.core.domain.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders event data as JSON text, so an event's item is fixed when the event is written and every delivery and
 * replay sends the same bytes. Values: {@code String}, {@code Number}, {@code Boolean}, {@code Instant} (ISO-8601), {@code BigDecimal} (plain), {@code Metadata} (as given),
 * {@code null}, and {@code Map<String, ?>} / {@code List<?>} of those. The core has no JSON library; this is all it
 * needs.
 */
public final class JsonText {
    private JsonText() {}

    public static String render(Object value) {
        var out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Instant instant -> string(out, instant.toString());
            case Boolean bool -> out.append(bool);
            case Integer number -> out.append(number);
            case Long number -> out.append(number);
            case java.math.BigDecimal number -> out.append(number.toPlainString());
            case network.peere.core.domain.shared.Metadata metadata -> out.append(metadata.json());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, (String) entry.getKey());
                    out.append(':');
                    write(out, entry.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            default ->
                throw new IllegalArgumentException(
                        "not a JSON value: " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
