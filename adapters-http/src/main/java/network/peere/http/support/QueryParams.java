package network.peere.http.support;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        return Texts.meaningful(ctx.queryParam(name));
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

    /** A required parameter; a missing or blank one is refused. */
    public Optional<String> requiredText(String name) {
        Optional<String> value = optionalText(name);
        if (value.isEmpty()) {
            errors.add(new FieldError(name, "required", "is required"));
        }
        return value;
    }

    /** {@code true} or {@code false}, in any case. */
    public Optional<Boolean> optionalBoolean(String name) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                errors.add(new FieldError(name, "invalid_value", "must be true or false"));
                yield Optional.empty();
            }
        };
    }

    /**
     * A list of ids, given as a repeated parameter ({@code ids=a&ids=b}, also spelled {@code ids[]=a}) or as a comma
     * list ({@code ids=a,b}), at most {@code max}. A malformed id is refused rather than dropped, so a typo never
     * widens a list.
     */
    public Set<ParticipantId> ids(String name, int max) {
        List<String> raw = new ArrayList<>(ctx.queryParams(name));
        raw.addAll(ctx.queryParams(name + "[]"));
        Set<ParticipantId> ids = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                String id = part.trim();
                if (id.isEmpty()) {
                    continue;
                }
                if (!ParticipantId.isWellFormed(id)) {
                    errors.add(new FieldError(name, "invalid_format", "holds an id that is not well-formed"));
                    return Set.of();
                }
                ids.add(new ParticipantId(id));
            }
        }
        if (ids.size() > max) {
            errors.add(new FieldError(name, "out_of_range", "must hold at most " + max + " ids"));
            return Set.of();
        }
        return ids;
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

    /** {@code skip}+{@code limit} paging, as the customer-decision lists document it. */
    public PageRequest skipPage() {
        int skip = integer("skip", 0, 0, Integer.MAX_VALUE);
        int limit = integer("limit", PageRequest.LIMIT_DEFAULT, 1, PageRequest.LIMIT_MAX);
        return new PageRequest(skip, limit);
    }

    /** Which end of a day a bare date stands for in a time range: its first instant, or the next day's (exclusive). */
    public enum DateEdge {
        START_OF_DAY,
        END_OF_DAY
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-23T08:00:00Z}) or a date ({@code 2026-11-23}, a UTC day: its start for a
     * range's beginning, the next day's start for its exclusive end, so {@code to=2026-11-23} includes that day).
     */
    public Optional<Instant> optionalInstantOrDate(String name, DateEdge edge) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw.get()));
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(raw.get());
                LocalDate start = edge == DateEdge.START_OF_DAY ? day : day.plusDays(1);
                return Optional.of(start.atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notADate) {
                errors.add(new FieldError(
                        name,
                        "invalid_format",
                        "must be an ISO-8601 instant (2026-11-23T08:00:00Z) or date (2026-11-23)"));
                return Optional.empty();
            }
        }
    }

    /** A decimal number such as {@code 1500} or {@code 10.04}, read exactly. */
    public Optional<BigDecimal> optionalDecimal(String name) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(raw.get()));
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "invalid_format", "must be a decimal number like 1500 or 10.04"));
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
