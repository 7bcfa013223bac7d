package network.peere.http.support;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.peere.core.domain.participant.ParticipantId;
import network.peere.core.domain.shared.PageRequest;
import network.peere.core.domain.shared.WireEnums;

/** Query-string parsing with the same collected, per-field 400 answers as {@link JsonFields}. */
public final class QueryParams {
    private final Context ctx;
    private final List<FieldError> errors = new ArrayList<>();

    public QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    public PageRequest offsetPage() {
        int offset = integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = integer("limit", PageRequest.LIMIT_DEFAULT, 1, PageRequest.LIMIT_MAX);
        return new PageRequest(offset, limit);
    }

    /** Page-numbered paging ({@code page} from 1, {@code limit} up to 100), as the bank routes document it. */
    public PageRequest numberedPage() {
        int page = integer("page", 1, 1, PAGE_MAX);
        int limit = integer("limit", PageRequest.LIMIT_DEFAULT, 1, PageRequest.LIMIT_MAX);
        return new PageRequest((page - 1) * limit, limit);
    }

    /** Keeps {@code (page - 1) * limit} within an int. */
    public static final int PAGE_MAX = 1_000_000;

    /** Every value of a repeated or comma-separated parameter ({@code ids=a,b&ids=c}), blanks dropped. */
    public List<String> list(String name, int max) {
        List<String> values = ctx.queryParams(name).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        if (values.size() > max) {
            errors.add(new FieldError(name, "out_of_range", "must hold at most " + max + " values"));
            return List.of();
        }
        return values;
    }

    /** A rule across parameters that no single reader checks (e.g. exactly one of them). */
    public void refuse(String name, String code, String message) {
        errors.add(new FieldError(name, code, message));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Optional<E> parsed = WireEnums.parse(type, raw);
        if (parsed.isEmpty()) {
            errors.add(new FieldError(name, "invalid_value", "is not a known value"));
        }
        return parsed;
    }

    public Optional<String> optionalText(String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    /** An id filter; a malformed one is refused rather than dropped, so a typo never widens a list. */
    public Optional<ParticipantId> optionalId(String name) {
        Optional<String> raw = optionalText(name);
        if (raw.isPresent() && !ParticipantId.isWellFormed(raw.get())) {
            errors.add(new FieldError(name, "invalid_format", "is not a well-formed id"));
            return Optional.empty();
        }
        return raw.map(ParticipantId::new);
    }

    /** An ISO-8601 instant such as {@code 2026-11-23T08:00:00Z}. */
    public Optional<Instant> optionalInstant(String name) {
        Optional<String> raw = optionalText(name);
        try {
            return raw.map(Instant::parse);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "invalid_format", "must be an ISO-8601 instant like 2026-11-23T08:00:00Z"));
            return Optional.empty();
        }
    }

    public void validOrThrow() {
        if (!errors.isEmpty()) {
            throw JsonFields.invalid(errors);
        }
    }

    private int integer(String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                errors.add(new FieldError(name, "out_of_range", "must be between " + min + " and " + max));
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "invalid_type", "must be an integer"));
            return fallback;
        }
    }
}
