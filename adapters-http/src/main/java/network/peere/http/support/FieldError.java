package network.peere.http.support;

/** One reason a request field was refused: which field (JSON pointer-ish dotted path), a stable code, and why. */
public record FieldError(String field, String code, String message) {}
