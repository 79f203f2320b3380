package io.asynctournament.bot.discord.fake;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's own OpenAPI 3.1 description of REST API v10 ({@code shared/discord/openapi.json} beside the project,
 * MIT licence), read in place once per JVM, and the checks the fake Discord runs with it: does a route and method
 * exist, do the path and query parameters and the JSON body validate against the operation, does a response
 * validate against the schema for its status. The schemas are JSON Schema 2020-12 and are evaluated by networknt's
 * json-schema-validator with its OpenAPI 3.1 dialect (format assertions on); this class only finds the operation
 * and points the validator at the right part of the document.
 *
 * <p>Where the file is: the system property {@code discord.openapi} (a path), else {@code shared/discord/openapi.json}
 * in the working directory or one of its parents. Absent, {@link #get()} is empty and one warning says the checks are
 * off; with the environment variable {@code CI=true} an absent spec is an error instead, so CI cannot skip them.
 */
final class DiscordSpec {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordSpec.class);
    /** The base IRI the document is registered under; its internal $refs ({@code #/components/...}) resolve in it. */
    private static final String DOCUMENT = "https://discord.com/api/v10/openapi.json";
    private static final String PROPERTY = "discord.openapi";
    private static final int MAX_ERRORS = 8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Object LOCK = new Object();
    private static volatile Optional<DiscordSpec> instance;

    private final Path file;
    private final JsonNode root;
    private final SchemaRegistry registry;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** The operation a request matched: its path template, method, operation id and path parameters. */
    record Route(String template, String method, String operationId, Map<String, String> pathParameters,
            String pointer) {
        @Override
        public String toString() {
            return method + " " + template + " (" + operationId + ")";
        }
    }

    /**
     * What the request check found.
     *
     * @param route  the operation, or null if the path or method is not in the spec
     * @param status what Discord would answer a bad request with (404 unknown route, 405 unknown method, 400 bad
     *               parameters or body), 0 if the request is valid
     * @param errors what is wrong, each naming where (empty if valid)
     */
    record RequestCheck(Route route, int status, List<Problem> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * One thing wrong with a request or response.
     *
     * @param part    what part: {@code body}, {@code response body}, {@code query parameter limit}, {@code route}...
     * @param pointer where in a JSON body (a JSON Pointer such as {@code /embeds/0/title}), "" for the whole part
     * @param message the validator's message (or the fake's, for a missing route or method)
     */
    record Problem(String part, String pointer, String message) {
        @Override
        public String toString() {
            return part + (pointer.isEmpty() ? "" : " " + pointer) + ": " + message;
        }
    }

    private record Template(String path, String[] segments, int literals) {}

    private DiscordSpec(Path file, String content) throws IOException {
        this.file = file;
        this.root = MAPPER.readTree(content);
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOCUMENT, content))
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .locale(Locale.ENGLISH)
                        .pathType(PathType.JSON_POINTER)
                        .build()));
        for (Iterator<String> it = root.path("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            String[] segments = path.substring(1).split("/");
            int literals = 0;
            for (String segment : segments) {
                literals += isParameter(segment) ? 0 : 1;
            }
            templates.add(new Template(path, segments, literals));
        }
    }

    /**
     * The spec, parsed on first use (about 1.5 s); empty, after one warning, where the file is absent.
     *
     * @throws IllegalStateException if {@code discord.openapi} names a missing file, the file is not valid JSON,
     *                               or the spec is absent while {@code CI=true}
     */
    static Optional<DiscordSpec> get() {
        Optional<DiscordSpec> spec = instance;
        if (spec != null) {
            return spec;
        }
        synchronized (LOCK) {
            if (instance == null) {
                instance = load(locate(Path.of(""), System.getProperty(PROPERTY)),
                        "true".equalsIgnoreCase(System.getenv("CI")));
            }
            return instance;
        }
    }

    /**
     * Reads the spec at {@code file}; where it is absent, one warning and empty, or with {@code ci} an error.
     *
     * @throws IllegalStateException if the file is absent and {@code ci} is true
     */
    static Optional<DiscordSpec> load(Optional<Path> file, boolean ci) {
        if (file.isEmpty()) {
            String message = "Discord's OpenAPI spec (shared/discord/openapi.json beside the project, or -D" + PROPERTY
                    + "=PATH) was not found from " + Path.of("").toAbsolutePath()
                    + ": the fake Discord does NOT check requests and responses against it in this run";
            if (ci) {
                throw new IllegalStateException(message + " (CI=true requires it)");
            }
            LOG.warn(message);
            return Optional.empty();
        }
        try {
            long start = System.nanoTime();
            DiscordSpec spec = new DiscordSpec(file.get(), Files.readString(file.get(), StandardCharsets.UTF_8));
            LOG.info("Checking the fake Discord's traffic against {} ({} paths, read in {} ms)", file.get(),
                    spec.templates.size(), (System.nanoTime() - start) / 1_000_000);
            return Optional.of(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Discord's OpenAPI spec " + file.get(), e);
        }
    }

    /**
     * Where the spec is: the file {@code configured} names (the {@code discord.openapi} property; null or blank if
     * unset), else {@code shared/discord/openapi.json} in {@code start} or the nearest of its parents that has one.
     *
     * @throws IllegalStateException if {@code configured} names no file
     */
    static Optional<Path> locate(Path start, String configured) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("-D" + PROPERTY + " names " + path + ", which is not a file");
            }
            return Optional.of(path);
        }
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("discord").resolve("openapi.json");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    Path file() {
        return file;
    }

    /**
     * Checks a request: the route (path below {@code /api/v10/}, raw, without query) and method exist, the path and
     * query parameters validate against their schemas, and the JSON body (for multipart, its {@code payload_json})
     * validates against the operation's request body schema.
     */
    RequestCheck checkRequest(String method, String apiPath, String rawQuery, String contentType, String body) {
        String[] segments = apiPath.isEmpty() ? new String[0] : apiPath.split("/", -1);
        Template template = match(segments);
        String methodKey = method.toLowerCase(Locale.ROOT);
        if (template == null) {
            return new RequestCheck(null, 404, List.of(new Problem("route", "",
                    method + " /" + apiPath + " is not a route of Discord's API")));
        }
        JsonNode pathItem = root.path("paths").path(template.path());
        JsonNode operation = pathItem.path(methodKey);
        if (!operation.isObject()) {
            List<String> allowed = new ArrayList<>();
            pathItem.fieldNames().forEachRemaining(f -> {
                if (!f.equals("parameters")) {
                    allowed.add(f.toUpperCase(Locale.ROOT));
                }
            });
            return new RequestCheck(null, 405, List.of(new Problem("method", "", template.path() + " has no "
                    + method + " in Discord's API (it has " + String.join(", ", allowed) + ")")));
        }
        String pointer = "/paths/" + escape(template.path());
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = template.segments()[i];
            if (isParameter(segment)) {
                pathValues.put(segment.substring(1, segment.length() - 1), decode(segments[i]));
            }
        }
        Route route = new Route(template.path(), method.toUpperCase(Locale.ROOT),
                operation.path("operationId").asText("?"), pathValues, pointer + "/" + methodKey);
        List<Problem> errors = new ArrayList<>();
        Map<String, String> query = parseQuery(rawQuery);
        // declared parameters are checked; others are let through, as OpenAPI allows and Discord ignores them
        checkParameters(pathItem.path("parameters"), pointer + "/parameters", pathValues, query, errors);
        checkParameters(operation.path("parameters"), route.pointer() + "/parameters", pathValues, query, errors);
        checkBody(route, operation, contentType, body, errors);
        return new RequestCheck(route, errors.isEmpty() ? 0 : 400, List.copyOf(errors));
    }

    /**
     * Checks a response the fake gives to a request on {@code route}: its status is documented (exactly, as
     * {@code 4XX}, or as {@code default}; an undocumented 5xx is let through, since Discord's spec documents no
     * server errors), its JSON body validates against that response's schema (or it has no body where the spec
     * gives none), and the documented headers it carries (the X-RateLimit-* ones) have values of their schema's type.
     *
     * @param headers response headers by name, as sent
     * @return what is wrong, empty if the response is valid
     */
    List<Problem> checkResponse(Route route, int status, String body, Map<String, String> headers) {
        JsonNode responses = root.at(route.pointer() + "/responses");
        String key = Integer.toString(status);
        if (!responses.has(key)) {
            key = (status / 100) + "XX";
        }
        if (!responses.has(key)) {
            key = "default";
        }
        if (!responses.has(key)) {
            if (status >= 500) {
                return List.of();
            }
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            return List.of(new Problem("status", "", status + " is not a documented response (documented: "
                    + String.join(", ", documented) + ")"));
        }
        String pointer = route.pointer() + "/responses/" + escape(key);
        JsonNode response = responses.path(key);
        if (response.has("$ref")) {
            pointer = refPointer(response.path("$ref").asText());
            response = root.at(pointer);
        }
        List<Problem> errors = new ArrayList<>();
        JsonNode json = response.path("content").path("application/json");
        boolean hasBody = body != null && !body.isEmpty();
        if (json.isMissingNode()) {
            if (hasBody) {
                errors.add(new Problem("response body", "", "status " + status + " has none in the spec, but one was sent"));
            }
        } else if (!hasBody) {
            errors.add(new Problem("response body", "", "status " + status + " has a JSON body in the spec, but none was sent"));
        } else {
            validate(pointer + "/content/application~1json/schema", body, "response body", errors);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            String value = headers.get(header.getKey());
            if (value == null) {
                continue;
            }
            String headerPointer = pointer + "/headers/" + escape(header.getKey());
            if (header.getValue().has("$ref")) {
                headerPointer = refPointer(header.getValue().path("$ref").asText());
            }
            String schemaPointer = headerPointer + "/schema";
            validate(schemaPointer, typed(root.at(schemaPointer), value), "header " + header.getKey(), errors);
        }
        return List.copyOf(errors);
    }

    // --- internals ---

    /** The template that matches: same number of segments, literals equal; the most literal segments wins. */
    private Template match(String[] segments) {
        Template best = null;
        for (Template template : templates) {
            if (template.segments().length != segments.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                String part = template.segments()[i];
                matches = isParameter(part) ? !segments[i].isEmpty() : part.equals(segments[i]);
            }
            if (matches && (best == null || template.literals() > best.literals())) {
                best = template;
            }
        }
        return best;
    }

    private void checkParameters(JsonNode parameters, String pointer, Map<String, String> pathValues,
            Map<String, String> query, List<Problem> errors) {
        for (int i = 0; i < parameters.size(); i++) {
            String parameterPointer = pointer + "/" + i;
            JsonNode parameter = parameters.get(i);
            if (parameter.has("$ref")) {
                parameterPointer = refPointer(parameter.path("$ref").asText());
                parameter = root.at(parameterPointer);
            }
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            String value = switch (in) {
                case "path" -> pathValues.get(name);
                case "query" -> query.get(name);
                default -> null; // header and cookie parameters: JDA's headers are not checked
            };
            if (value == null) {
                if (parameter.path("required").asBoolean(false) && (in.equals("path") || in.equals("query"))) {
                    errors.add(new Problem(in + " parameter " + name, "", "required but missing"));
                }
                continue;
            }
            String schemaPointer = parameterPointer + "/schema";
            validate(schemaPointer, typed(resolve(root.at(schemaPointer)), value), in + " parameter " + name, errors);
        }
    }

    private void checkBody(Route route, JsonNode operation, String contentType, String body, List<Problem> errors) {
        JsonNode requestBody = operation.path("requestBody");
        String pointer = route.pointer() + "/requestBody";
        if (requestBody.has("$ref")) {
            pointer = refPointer(requestBody.path("$ref").asText());
            requestBody = root.at(pointer);
        }
        boolean hasBody = body != null && !body.isBlank();
        if (requestBody.isMissingNode()) {
            if (hasBody) {
                errors.add(new Problem("body", "", route.operationId() + " takes no body, but one was sent"));
            }
            return;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                errors.add(new Problem("body", "", "required but empty"));
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode content = requestBody.path("content");
        if (!mediaType.isEmpty() && !content.has(mediaType)) {
            List<String> accepted = new ArrayList<>();
            content.fieldNames().forEachRemaining(accepted::add);
            errors.add(new Problem("body", "", "content type " + mediaType + " not accepted (accepted: "
                    + String.join(", ", accepted) + ")"));
            return;
        }
        // a multipart body is checked by its payload_json part, which holds the JSON form of the request
        String media = content.has("application/json") ? "application/json" : mediaType;
        validateRequestBody(pointer + "/content/" + escape(media) + "/schema", body, errors);
    }

    /**
     * Validates a request body, reading a string of digits as the number it spells where the schema asks for a
     * number, and a whole number as the snowflake it spells where the schema asks for a snowflake, as Discord's API
     * does (JDA 6.5 sends a command's {@code contexts} and {@code integration_types} as strings, and the ids of a new
     * upload's attachments and {@code POST users/@me/channels}'s {@code recipient_id} as numbers); the validator's own
     * type errors say where.
     */
    private void validateRequestBody(String pointer, String body, List<Problem> errors) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            errors.add(new Problem("body", "", "not JSON (" + e.getMessage() + ")"));
            return;
        }
        Schema schema = schema(pointer);
        List<Error> found = schema.validate(tree);
        for (int round = 0; round < 5 && readNumericStrings(tree, found); round++) {
            found = schema.validate(tree);
        }
        report(found, "body", errors);
    }

    private static boolean readNumericStrings(JsonNode tree, List<Error> found) {
        boolean changed = false;
        for (Error error : found) {
            JsonNode instance = error.getInstanceNode();
            String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            String expected = String.valueOf(error.getSchemaNode());
            if ("type".equals(error.getKeyword()) && instance != null && instance.isIntegralNumber()
                    && instance.asLong() >= 0 && !location.isEmpty() && expected.contains("string")
                    && String.valueOf(error.getSchemaLocation()).contains("Snowflake")) {
                // a snowflake sent as a number: Discord reads it as the id it spells (JDA 6.5 numbers a new
                // upload's attachments 0, 1, ... as numbers)
                changed |= replace(tree, location, TextNode.valueOf(instance.asText()));
                continue;
            }
            if (!"type".equals(error.getKeyword()) || instance == null || !instance.isTextual() || location.isEmpty()
                    || !(expected.contains("integer") || expected.contains("number"))
                    || !instance.asText().matches("-?\\d{1,18}")) {
                continue;
            }
            JsonPointer at = JsonPointer.compile(location);
            JsonNode parent = tree.at(at.head());
            JsonNode number = LongNode.valueOf(Long.parseLong(instance.asText()));
            if (parent instanceof ObjectNode object) {
                object.set(at.last().getMatchingProperty(), number);
                changed = true;
            } else if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0) {
                array.set(at.last().getMatchingIndex(), number);
                changed = true;
            }
        }
        return changed;
    }

    /** Sets the node at the JSON pointer {@code location} of {@code tree}; false when it has no such place. */
    private static boolean replace(JsonNode tree, String location, JsonNode value) {
        JsonPointer at = JsonPointer.compile(location);
        JsonNode parent = tree.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), value);
            return true;
        }
        if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0) {
            array.set(at.last().getMatchingIndex(), value);
            return true;
        }
        return false;
    }

    private void validate(String pointer, String json, String what, List<Problem> errors) {
        List<Error> found;
        try {
            found = schema(pointer).validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            errors.add(new Problem(what, "", "not JSON (" + e.getMessage() + ")"));
            return;
        }
        report(found, what, errors);
    }

    private void validate(String pointer, JsonNode value, String what, List<Problem> errors) {
        report(schema(pointer).validate(value), what, errors);
    }

    private static void report(List<Error> found, String what, List<Problem> errors) {
        for (int i = 0; i < found.size() && i < MAX_ERRORS; i++) {
            Error error = found.get(i);
            String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            String message = error.getMessage();
            if (message.startsWith(location + ": ")) {
                message = message.substring(location.length() + 2);
            }
            errors.add(new Problem(what, location, message));
        }
        if (found.size() > MAX_ERRORS) {
            errors.add(new Problem(what, "", "... and " + (found.size() - MAX_ERRORS) + " more errors"));
        }
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + fragment(p)));
            schema.initializeValidators();
            return schema;
        });
    }

    /** A parameter or header value as the JSON value its schema's type asks for (they travel as text). */
    private static JsonNode typed(JsonNode schema, String value) {
        String types = schema.path("type").toString();
        if (types.contains("integer") && value.matches("-?\\d{1,18}")) {
            return LongNode.valueOf(Long.parseLong(value));
        }
        if ((types.contains("number") || types.contains("integer")) && value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return DecimalNode.valueOf(new BigDecimal(value));
        }
        if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(value));
        }
        return TextNode.valueOf(value);
    }

    private JsonNode resolve(JsonNode schema) {
        for (int depth = 0; depth < 10 && schema.has("$ref"); depth++) {
            schema = root.at(refPointer(schema.path("$ref").asText()));
        }
        return schema;
    }

    private static String refPointer(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalStateException("only document-local $refs are expected, got " + ref);
        }
        return ref.substring(1);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** A JSON Pointer token: '~' and '/' escaped (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON Pointer as a URI fragment: braces and other non-fragment characters percent-encoded. */
    private static String fragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (char c : pointer.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "/~-._@!$&'()*+,;=:".indexOf(c) >= 0) {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b));
                }
            }
        }
        return out.toString();
    }
}
