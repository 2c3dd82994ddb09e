package dev.ordergate.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What springdoc cannot read off the controllers: who we are, how to authenticate, the problem+json every error
 * answers with (and all its types), and the README's order as the example of an order. The document is checked in as
 * {@code docs/openapi.yaml}; a test keeps the two equal, so a change to the API shows up in review as a diff there.
 */
@Configuration(proxyBeanMethods = false)
class ApiContract {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Every {@code type} a problem can carry, after {@code urn:ordergate:problem:}; ApiContractTest finds them in the code. */
    static final List<String> PROBLEM_TYPES = List.of(
            "already-finished", "already-shipped", "body-too-large", "busy", "channel-not-permitted",
            "currency-not-of-region", "edi-malformed", "edi-rejected", "forbidden", "invalid-deployment",
            "invalid-format", "invalid-model", "invalid-order", "invalid-parameter", "invalid-period",
            "invalid-retry", "invalid-return", "invalid-review-decision", "invalid-stock-event", "malformed-json",
            "not-found", "not-retryable", "not-shipped", "order-conflict", "order-finished", "order-not-started", "rate-limited",
            "region-not-operated", "region-not-permitted", "request-rejected", "return-conflict", "return-not-expected", "review-claimed",
            "review-raced", "stock-event-conflict", "sync-run-not-found", "sync-running", "unauthenticated",
            "unknown-entity", "unknown-field", "unknown-instances", "unknown-version", "unreadable-body",
            "unreadable-field");

    /** The README's sample order: passes every gate against the sandbox's demo data. */
    static final Map<String, Object> README_ORDER = orderedMap(
            "channel", "b2b-portal",
            "channelOrderRef", "PO-2026-000123",
            "customerRef", "C-10042",
            "shipTo", orderedMap("name", "Acme Warehouse 3", "street", "1 Dock Rd", "city", "Fresno",
                    "postalCode", "93701", "country", "US"),
            "requestedDate", "2026-12-03",
            "currency", "USD",
            "paymentTerms", "30 Days",
            "lines", List.of(
                    orderedMap("lineRef", "1", "sku", "FURN_0269", "quantity", 12, "uom", "Units", "unitPrice", 299.00),
                    orderedMap("lineRef", "2", "sku", "E-COM07", "quantity", 5, "uom", "Units", "unitPrice", 280.00)),
            "allowSubstitutes", true,
            "allowPartialShipment", true);

    /** Its own bean, so springdoc keeps our relative server instead of writing in the host and port of each request. */
    @Bean
    OpenAPI ordergateApi() {
        return new OpenAPI()
                .info(new Info().title("Ordergate API").version("v1")
                        .description("Orders in from the channels and EDI partners, their status, cancellations, "
                                + "returns, the warehouse's shipment confirmations and the operators' endpoints. JSON is "
                                + "read strictly: a field takes only the type stated here (no number for a string, no "
                                + "string for a number or boolean), dates only as ISO-8601 strings, and unknown fields "
                                + "are refused. Every error is application/problem+json (the Problem schema lists every "
                                + "type).")
                        .license(new License().name("Proprietary")))
                .servers(List.of(new Server().url("/").description("this node")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT").description("A Keycloak access token (client "
                                        + "credentials) with the endpoint's realm role; none in local mode.")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer problemsAndExamples() {
        return api -> {
            // Here rather than in the OpenAPI bean: springdoc replaces the bean's schemas with those it finds.
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                addProblemResponses(operation, path, operation.getRequestBody() != null);
                if ("/api/v1/orders".equals(path) && operation.getRequestBody() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> media.addExamples(
                            "readme", new Example().summary("The README's order").value(README_ORDER)));
                }
            }));
        };
    }

    private static void addProblemResponses(Operation operation, String path, boolean hasBody) {
        var responses = operation.getResponses();
        if (hasBody) {
            responses.putIfAbsent("400", problem("Malformed JSON, an unknown field or a field of the wrong type"));
            responses.putIfAbsent("413", problem("The body is larger than ordergate.intake.max-body-bytes"));
            responses.putIfAbsent("422", problem("Invalid values; each field at fault is named in errors"));
        } else {
            responses.putIfAbsent("400", problem("An invalid request parameter"));
        }
        if (path.contains("{")) {
            responses.putIfAbsent("404", problem("No such resource (or one the caller may not see)"));
        }
        responses.putIfAbsent("401", problem("No valid bearer token (keycloak mode)"));
        responses.putIfAbsent("403", problem("The token lacks the endpoint's role"));
        responses.putIfAbsent("503", problem("Busy; nothing was stored, send it again (Retry-After)"));
        // Every error answer is a problem, also where a controller named only its description.
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.content(problem(response.getDescription()).getContent());
            }
        });
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema type = new StringSchema().description("urn:ordergate:problem:<type>");
        PROBLEM_TYPES.forEach(t -> type.addEnumItemObject("urn:ordergate:problem:" + t));
        Schema violation = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field's path, e.g. lines[0].quantity"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("RFC 9457 problem details. Nothing was stored for a request answered with a problem.")
                .addProperty("type", type)
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(violation)
                        .description("each field at fault, where fields are at fault"))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
