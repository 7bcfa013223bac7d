package network.peere.core.domain.identity;

import java.util.Objects;

/**
 * Why one field of a customer was refused: the field, a stable snake_case code ({@code required}, {@code
 * invalid_format}, …) and a human reason. The same codes as the HTTP API's per-field errors.
 */
public record FieldProblem(String field, String code, String message) {
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
