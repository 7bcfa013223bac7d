package network.peere.http.support;

import java.util.Map;

/** One reason a request field was refused: which field (JSON pointer-ish dotted path), a stable code, and why. */
public record FieldError(String field, String code, String message) {
    /** As every answer that lists field errors shows one: {@code {field, code, message}}. */
    public Map<String, Object> asJson() {
        return Map.of("field", field, "code", code, "message", message);
    }
}
