package network.peere.http.peerwallet;

import java.util.List;
import java.util.Map;
import network.peere.http.support.ErrorCode;
import network.peere.http.support.FieldError;

/**
 * Thrown by the Peerwallet handlers to answer a refusal in Peerwallet's shape; written once, by {@link
 * PeerwalletAnswer#refusal}. The {@code code} is Peere's stable error code, so an integrator can branch on it as on the
 * main API.
 */
final class PeerwalletRefusal extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Map<String, Object> members;

    PeerwalletRefusal(ErrorCode code, String note) {
        this(code, note, List.of(), Map.of());
    }

    PeerwalletRefusal(ErrorCode code, String note, List<FieldError> errors, Map<String, Object> members) {
        super(note, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    ErrorCode code() {
        return code;
    }

    String note() {
        return getMessage();
    }

    List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the answer (the existing link's {@code pay_id} on a duplicate secret). */
    Map<String, Object> members() {
        return members;
    }
}
