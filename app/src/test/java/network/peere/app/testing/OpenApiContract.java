package network.peere.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks real responses against docs/openapi.yaml: the path and method must be documented, the status must be one of
 * the operation's responses, the media type must be one it declares, and a JSON body must validate against its schema
 * (networknt json-schema-validator with the OpenAPI 3.1 dialect). This class only finds the schema to use.
 */
public final class OpenApiContract {
    private static final String RESOURCE = "/network/peere/docs/openapi.yaml";
    private static final String BASE_IRI = "https://contract.peere.test/openapi.yaml";

    private static final OpenApiContract INSTANCE = load();

    private final JsonNode spec;
    private final SchemaRegistry registry;
    private final List<PathTemplate> paths;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record PathTemplate(String template, Pattern pattern) {}

    private OpenApiContract(String yaml) {
        this.spec = new YAMLMapper().readTree(yaml);
        this.registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE_IRI, yaml)));
        this.paths = spec.get("paths").propertyNames().stream()
                .map(t -> new PathTemplate(t, Pattern.compile(t.replaceAll("\\{[^/}]+}", "[^/]+"))))
                .toList();
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    private static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("docs/openapi.yaml is not on the test classpath");
            }
            return new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The documented template for a concrete path, if any ({@code /v1/keys/key_1/revoke} → {@code /v1/keys/{keyId}/revoke}). */
    public Optional<String> templateFor(String path) {
        return paths.stream()
                .filter(p -> p.pattern().matcher(path).matches())
                // A literal segment beats a parameter: prefer the template with the fewest parameters.
                .min(java.util.Comparator.comparingLong(
                        p -> p.template().chars().filter(c -> c == '{').count()))
                .map(PathTemplate::template);
    }

    public void assertConforms(String method, String path, int status, String contentType, String body) {
        String template =
                templateFor(path).orElseGet(() -> fail("%s %s is not documented in docs/openapi.yaml", method, path));
        String verb = method.toLowerCase(Locale.ROOT);
        JsonNode operation = spec.get("paths").get(template).get(verb);
        if (operation == null) {
            fail("%s %s is not documented in docs/openapi.yaml", method, template);
        }
        String statusKey = Integer.toString(status);
        JsonNode response = operation.get("responses").get(statusKey);
        if (response == null) {
            response = operation.get("responses").get("default");
            statusKey = "default";
        }
        if (response == null) {
            fail("%s %s answered %d, which docs/openapi.yaml does not list", method, template, status);
        }
        response = resolve(response);
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            assertThat(body)
                    .as("%s %s %d documents no body", method, template, status)
                    .isEmpty();
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        assertThat(content.has(mediaType))
                .as("%s %s %d: media type %s, documented %s", method, template, status, mediaType, names(content))
                .isTrue();
        if (!mediaType.endsWith("json") || !content.get(mediaType).has("schema")) {
            return;
        }
        String pointer = "/paths/" + escape(template) + "/" + verb + "/responses/" + statusKey + "/content/"
                + escape(mediaType) + "/schema";
        if (operation.get("responses").get(statusKey).has("$ref")) {
            pointer =
                    refPointer(operation.get("responses").get(statusKey)) + "/content/" + escape(mediaType) + "/schema";
        }
        Schema schema =
                schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE_IRI + "#" + p)));
        var errors = schema.validate(body, InputFormat.JSON);
        assertThat(errors)
                .as("%s %s %d body does not match docs/openapi.yaml: %s", method, template, status, body)
                .isEmpty();
    }

    /**
     * A documented operation that takes a JSON body: the top-level members its body schema names, each with a
     * plausible value built from its schema (its example, first enum value, format, bounds), as JSON text.
     */
    public record JsonWrite(String method, String template, Map<String, String> sample) {
        public List<String> members() {
            return List.copyOf(sample.keySet());
        }
    }

    /** Every documented {@code POST}, {@code PUT} and {@code PATCH} with an {@code application/json} body. */
    public List<JsonWrite> jsonWrites() {
        var writes = new java.util.ArrayList<JsonWrite>();
        for (PathTemplate path : paths) {
            JsonNode item = spec.get("paths").get(path.template());
            for (String verb : List.of("post", "put", "patch")) {
                JsonNode schema = resolve(item.path(verb).path("requestBody"))
                        .path("content")
                        .path("application/json");
                if (schema.isMissingNode() || !schema.has("schema")) {
                    continue;
                }
                JsonNode resolved = resolve(schema.get("schema"));
                Map<String, String> sample = new java.util.LinkedHashMap<>();
                resolved.path("properties")
                        .propertyNames()
                        .forEach(name -> sample.put(
                                name, sample(resolved.get("properties").get(name), 0)));
                writes.add(new JsonWrite(verb.toUpperCase(Locale.ROOT), path.template(), sample));
            }
        }
        return writes;
    }

    /** A plausible value for a schema, as JSON text: what a careful client would send. */
    private String sample(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("example")) {
            return s.get("example").toString();
        }
        if (s.has("const")) {
            return s.get("const").toString();
        }
        if (s.has("enum")) {
            return s.get("enum").get(0).toString();
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            if (s.has(combinator)) {
                return sample(s.get(combinator).get(0), depth);
            }
        }
        JsonNode type = s.path("type");
        String kind = type.isArray() ? type.get(0).asString() : type.asString("object");
        return switch (kind) {
            case "string" -> {
                String format = s.path("format").asString("");
                String text = switch (format) {
                    case "email" -> "sample@example.com";
                    case "uri", "url" -> "https://example.com/sample";
                    case "date-time" -> "2027-01-01T00:00:00Z";
                    case "date" -> "2027-01-01";
                    default -> "Sample";
                };
                yield tools.jackson.databind.node.JsonNodeFactory.instance
                        .textNode(text)
                        .toString();
            }
            case "integer" -> Long.toString(Math.max(1, s.path("minimum").asLong(1)));
            case "number" -> Long.toString(Math.max(100, s.path("minimum").asLong(100)));
            case "boolean" -> "false";
            case "array" -> depth > 2 || !s.has("items") ? "[]" : "[" + sample(s.get("items"), depth + 1) + "]";
            default -> {
                if (depth > 2 || !s.has("properties")) {
                    yield "{}";
                }
                var members = new java.util.StringJoiner(",", "{", "}");
                s.get("properties")
                        .propertyNames()
                        .forEach(name -> members.add(
                                "\"" + name + "\":" + sample(s.get("properties").get(name), depth + 1)));
                yield members.toString();
            }
        };
    }

    /** A documented operation: its method and path template. */
    public record Operation(String method, String template) {}

    /** Every documented operation. */
    public List<Operation> operations() {
        var operations = new java.util.ArrayList<Operation>();
        for (PathTemplate path : paths) {
            JsonNode item = spec.get("paths").get(path.template());
            for (String verb : List.of("get", "post", "put", "patch", "delete")) {
                if (item.has(verb)) {
                    operations.add(new Operation(verb.toUpperCase(Locale.ROOT), path.template()));
                }
            }
        }
        return operations;
    }

    /** A documented {@code GET} and the names of its query parameters. */
    public record QueryRead(String template, List<String> parameters) {}

    /** Every documented {@code GET} that takes query parameters. */
    public List<QueryRead> queryReads() {
        var reads = new java.util.ArrayList<QueryRead>();
        for (PathTemplate path : paths) {
            JsonNode get = spec.get("paths").get(path.template()).path("get");
            var names = new java.util.ArrayList<String>();
            get.path("parameters").forEach(parameter -> {
                JsonNode resolved = resolve(parameter);
                if ("query".equals(resolved.path("in").asString())) {
                    names.add(resolved.get("name").asString());
                }
            });
            if (!names.isEmpty()) {
                reads.add(new QueryRead(path.template(), List.copyOf(names)));
            }
        }
        return reads;
    }

    /** The {@code code} values the Problem schema allows. */
    public List<String> problemCodes() {
        var codes = new java.util.ArrayList<String>();
        spec.at("/components/schemas/Problem/properties/code/enum").forEach(c -> codes.add(c.asString()));
        return codes;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = spec.at(refPointer(node));
        }
        return node;
    }

    private static String refPointer(JsonNode node) {
        String ref = node.get("$ref").asString();
        if (!ref.startsWith("#")) {
            throw new IllegalStateException("only local $refs are supported in responses: " + ref);
        }
        return ref.substring(1);
    }

    private static String names(JsonNode object) {
        Iterator<String> it = object.propertyNames().iterator();
        var out = new StringBuilder();
        it.forEachRemaining(n -> out.append(n).append(' '));
        return out.toString().trim();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
