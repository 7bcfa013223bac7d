package network.peere.http.support;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import network.peere.core.domain.shared.WireEnums;

/**
 * Reads a JSON object body field by field and collects every problem before answering, so a client sees all of its
 * mistakes in one 400 (missing fields, wrong types, unknown fields, bad formats) and nothing is done.
 *
 * <pre>{@code
 * var body = JsonFields.parse(ctx, mapper);
 * String name = body.requiredText("name", 200);
 * body.rejectUnknown(Set.of("name"));
 * body.validOrThrow();
 * }</pre>
 */
public final class JsonFields {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ObjectNode root;
    private final List<FieldError> errors;

    /** Empty for the body itself; {@code "standard."} for a nested object, so its errors name the full path. */
    private final String path;

    private JsonFields(ObjectNode root, List<FieldError> errors, String path) {
        this.root = root;
        this.errors = errors;
        this.path = path;
    }

    /**
     * Refuses (415) a body that says it is not JSON and, when {@code required}, one that says nothing: a request a
     * browser sends cross-site without asking first has no JSON type.
     */
    public static void checkContentType(Context ctx, boolean required) {
        String contentType = ctx.contentType();
        boolean json =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
        if (!json && (required || contentType != null)) {
            throw new ApiProblem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
    }

    public static JsonFields parse(Context ctx, ObjectMapper mapper) {
        checkContentType(ctx, false);
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw new ApiProblem(ErrorCode.MALFORMED_JSON, "The request body is empty; a JSON object is expected.");
        }
        JsonNode node;
        try (JsonParser parser = mapper.createParser(bytes)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            // Amounts are decimals in major units: read them exactly, never through a double, and keep them as
            // written (no trailing zeros stripped), so metadata numbers go back out as the client sent them.
            node = mapper.reader()
                    .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .readTree(parser);
            if (parser.nextToken() != null) {
                throw new ApiProblem(ErrorCode.MALFORMED_JSON, "Unexpected content after the JSON object.");
            }
        } catch (JacksonException e) {
            throw new ApiProblem(ErrorCode.MALFORMED_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiProblem(ErrorCode.MALFORMED_JSON, "The body could not be read.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiProblem(ErrorCode.MALFORMED_JSON, "The body must be a JSON object.");
        }
        return new JsonFields(object, new ArrayList<>(), "");
    }

    public String requiredText(String field, int maxLength) {
        return optionalText(field, maxLength).orElseGet(() -> {
            if (!root.has(field) || root.get(field).isNull()) {
                missing(field);
            }
            return null;
        });
    }

    public Optional<String> optionalText(String field, int maxLength) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            error(field, "invalid_type", "must be a string");
            return Optional.empty();
        }
        Optional<String> meaningful = Texts.meaningful(value.textValue());
        if (meaningful.isEmpty()) {
            error(field, "blank", "must not be blank");
            return Optional.empty();
        }
        String text = meaningful.get();
        if (text.length() > maxLength) {
            error(field, "too_long", "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    public String requiredEmail(String field) {
        String email = requiredText(field, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            error(field, "invalid_format", "must be a valid e-mail address");
            return null;
        }
        return email;
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            error(field, "invalid_type", "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    /** An ISO-8601 date-time with its offset ({@code 2026-12-31T23:00:00Z}); absent or {@code null}: empty. */
    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field, 40).flatMap(text -> {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                error(
                        field,
                        "invalid_format",
                        "must be an ISO-8601 date-time with an offset, e.g. 2026-12-31T23:00:00Z");
                return Optional.empty();
            }
        });
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return optionalText(field, 64).flatMap(text -> {
            Optional<E> parsed = WireEnums.parse(type, text);
            if (parsed.isEmpty()) {
                error(field, "invalid_value", "must be one of " + allowed(type));
            }
            return parsed;
        });
    }

    /** A JSON number, exactly as sent (never through a binary floating-point type); a string is refused. */
    public Optional<BigDecimal> optionalDecimal(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            error(field, "invalid_type", "must be a number");
            return Optional.empty();
        }
        return Optional.of(
                value.isFloatingPointNumber() && !value.isBigDecimal()
                        ? new BigDecimal(value.asText())
                        : value.decimalValue());
    }

    public Optional<BigDecimal> requiredDecimal(String field) {
        if (!root.hasNonNull(field)) {
            missing(field);
            return Optional.empty();
        }
        return optionalDecimal(field);
    }

    /** A JSON object member as it was sent, for values the server stores without reading (metadata). */
    public Optional<ObjectNode> optionalObjectNode(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            error(field, "invalid_type", "must be an object");
            return Optional.empty();
        }
        return Optional.of(object);
    }

    public <E extends Enum<E>> Optional<E> requiredEnum(String field, Class<E> type) {
        if (!root.hasNonNull(field)) {
            missing(field);
            return Optional.empty();
        }
        return optionalEnum(field, type);
    }

    /** A whole number in {@code [min, max]}; missing is {@code required}. */
    public Optional<Long> requiredInteger(String field, long min, long max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            missing(field);
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            error(field, "invalid_type", "must be a whole number");
            return Optional.empty();
        }
        long number = value.longValue();
        if (number < min || number > max) {
            error(field, "out_of_range", "must be " + min + "-" + max);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** A non-empty array of non-blank strings, each at most {@code maxLength}, at most {@code maxItems} of them. */
    public Optional<List<String>> requiredTextList(String field, int maxItems, int maxLength) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            missing(field);
            return Optional.empty();
        }
        if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
            error(field, "invalid_type", "must be an array of 1-" + maxItems + " strings");
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            Optional<String> text = textItem(item, maxLength);
            if (text.isEmpty()) {
                error(field, "invalid_type", "must be an array of non-blank strings of at most " + maxLength);
                return Optional.empty();
            }
            texts.add(text.get());
        }
        return Optional.of(texts);
    }

    /**
     * An array's item as meaningful text ({@link Texts#meaningful}), trimmed, if it is a string of at most
     * {@code maxLength} characters as sent; else empty, for the caller to refuse the array.
     */
    public static Optional<String> textItem(JsonNode item, int maxLength) {
        return item.isTextual() && item.textValue().length() <= maxLength
                ? Texts.meaningful(item.textValue())
                : Optional.empty();
    }

    /**
     * A nested JSON object, read with the same methods; its problems are reported with this body's, under
     * {@code field.member}.
     */
    public Optional<JsonFields> optionalObject(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            error(field, "invalid_type", "must be an object");
            return Optional.empty();
        }
        return Optional.of(new JsonFields(object, errors, path + field + "."));
    }

    /** A JSON array's elements, as raw nodes for the caller to read one by one; missing is {@code required}. */
    public Optional<List<JsonNode>> requiredArray(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            missing(field);
            return Optional.empty();
        }
        if (!value.isArray()) {
            error(field, "invalid_type", "must be an array");
            return Optional.empty();
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return Optional.of(elements);
    }

    /** The text of a member that must be a string when present (not trimmed of meaning: trimmed, kept if blank). */
    public Optional<String> optionalRawText(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            error(field, "invalid_type", "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.textValue().trim());
    }

    /** Whether any of the fields is given (not null). */
    public boolean hasAnyOf(Set<String> fields) {
        return fields.stream().anyMatch(field -> root.hasNonNull(field));
    }

    /** A rule across fields that no single reader checks (e.g. one limit not above another). */
    public void refuse(String field, String code, String message) {
        error(field, code, message);
    }

    public Optional<ZoneId> optionalTimeZone(String field) {
        return optionalText(field, 64).flatMap(text -> parseOrError(field, text, ZoneId::of, "an IANA time zone"));
    }

    public ZoneId requiredTimeZone(String field) {
        ZoneId zone = optionalTimeZone(field).orElse(null);
        if (zone == null && (!root.has(field) || root.get(field).isNull())) {
            missing(field);
        }
        return zone;
    }

    /**
     * An array of JSON objects of {@code min}..{@code max} elements, each read with its own {@link JsonFields} so a
     * batch can answer per element. A missing, non-array, too short or too long array is an error of this body; an
     * element that is not an object is reported at {@code field[i]}.
     */
    public List<JsonFields> objectArray(String field, int min, int max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            missing(field);
            return List.of();
        }
        if (!value.isArray()) {
            error(field, "invalid_type", "must be an array");
            return List.of();
        }
        if (value.size() < min || value.size() > max) {
            error(field, "out_of_range", "must hold " + min + " to " + max + " items");
            return List.of();
        }
        List<JsonFields> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) instanceof ObjectNode element) {
                elements.add(new JsonFields(element, new ArrayList<>(), ""));
            } else {
                error(field + "[" + i + "]", "invalid_type", "must be an object");
            }
        }
        return elements;
    }

    /** Whether the body has this member, even as {@code null}. */
    public boolean has(String field) {
        return root.has(field);
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Fields the route does not know are refused, so a typo ({@code "trustLvl"}) is not silently ignored. */
    public void rejectUnknown(Set<String> known) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "unknown_field", "is not a field of this request");
            }
        }
    }

    public void validOrThrow() {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String summary = errors.size() == 1
                ? "Invalid request parameter '" + errors.get(0).field() + "'."
                : errors.size() + " request parameters are invalid.";
        return new ApiProblem(ErrorCode.INVALID_REQUEST, summary, errors);
    }

    private <T> Optional<T> parseOrError(String field, String text, Function<String, T> parser, String expected) {
        try {
            return Optional.of(parser.apply(text));
        } catch (DateTimeException | IllegalArgumentException e) {
            error(field, "invalid_value", "must be " + expected);
            return Optional.empty();
        }
    }

    private void missing(String field) {
        error(field, "required", "is required");
    }

    private void error(String field, String code, String message) {
        errors.add(new FieldError(path + field, code, message));
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        return String.join(
                ", ",
                java.util.Arrays.stream(type.getEnumConstants())
                        .map(WireEnums::wireName)
                        .toList());
    }
}
