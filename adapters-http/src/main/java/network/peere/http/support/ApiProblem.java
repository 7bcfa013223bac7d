package network.peere.http.support;

import java.util.List;

/**
 * Thrown by handlers to answer with an RFC 9457 problem; mapped once, in {@link Problems}. It is a control-flow
 * signal for the edge, never thrown by the core.
 */
public final class ApiProblem extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    public ApiProblem(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiProblem(ErrorCode code, String detail, List<FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
