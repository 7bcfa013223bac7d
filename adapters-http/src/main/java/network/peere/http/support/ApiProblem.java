package network.peere.http.support;

import java.util.List;
import java.util.Map;

/**
 * Thrown by handlers to answer with an RFC 9457 problem; mapped once, in {@link Problems}. It is a control-flow
 * signal for the edge, never thrown by the core.
 */
public final class ApiProblem extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> members;

    public ApiProblem(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiProblem(ErrorCode code, String detail, List<FieldError> fieldErrors) {
        this(code, detail, fieldErrors, Map.of());
    }

    /** {@code members} are RFC 9457 extension members added to the body, e.g. {@code retryAfter} on a 429. */
    public ApiProblem(ErrorCode code, String detail, List<FieldError> fieldErrors, Map<String, Object> members) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> members() {
        return members;
    }
}
