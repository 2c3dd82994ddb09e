package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replays requests recorded against a real Odoo 18 (DESIGN.md: {@code ../shared/odoo-contract/18.0/}) and checks
 * the sandbox answers in the same shape: HTTP status, content type, the keys of every result record and object,
 * value types where both sides have a value, and the error class (and, where it is deterministic, its text).
 * Seed ids equal the transcripts' ids; ids the sandbox creates itself are put into the later requests.
 */
@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ordergate.sandbox.wms.auto-ship=false")
class OdooContractReplayTest {

    private static final Path TRANSCRIPTS = Path.of(System.getProperty("ordergate.odoo-contract",
            "src/test/resources/odoo-contract/18.0"));
    /** Error texts that do not depend on ids or timing, and must match word for word. */
    private static final Set<String> EXACT_ERROR_TEXT = Set.of("22", "33", "91", "92", "93", "94", "95", "96", "97",
            "98", "99", "100", "102", "103", "104", "109", "110", "202", "203");

    @LocalServerPort
    int port;
    @Autowired
    SandboxOdoo odoo;

    private SandboxHttp http;

    @BeforeEach
    void freshSandbox() {
        assertTrue(Files.isDirectory(TRANSCRIPTS), "Odoo 18 transcripts not found at " + TRANSCRIPTS.toAbsolutePath());
        odoo.reset();
        http = new SandboxHttp(port);
    }

    @Test
    void sessionAndCatalogueCallsAnswerInTheRecordedShape() {
        for (String number : List.of("01", "02", "03", "04", "05", "07", "18", "19", "20", "21", "22", "23", "25",
                "26", "27", "28", "33", "34", "35", "36", "37")) {
            replay(number);
        }
    }

    @Test
    void orderDeliveryAndInvoiceLifecycleAnswersInTheRecordedShape() {
        int order = replay("38").asInt();
        replay("39", ids(order));
        replay("40", domainValue(order));
        replay("41", ids(order));
        int picking = replay("42", ids(order)).get(0).get("picking_ids").get(0).asInt();
        JsonNode moves = replay("43", ids(picking)).get(0).get("move_ids");
        int cabinetMove = moves.get(0).asInt();
        int boxMove = moves.get(1).asInt();
        replay("44", ids(cabinetMove, boxMove));
        replay("45", ids(cabinetMove));
        replay("46", ids(boxMove));
        replay("47", ids(picking));
        int wizard = replay("48", backorderContext(picking)).asInt();
        replay("49", ids(wizard).andThen(backorderContext(picking)));
        int sms = replay("50", ids(wizard).andThen(backorderContext(picking))).get("res_id").asInt();
        replay("51", ids(sms).andThen(backorderContext(picking)));
        replay("52", ids(sms).andThen(backorderContext(picking)));
        replay("53", ids(picking));
        replay("54", ids(cabinetMove, boxMove));
        replay("55", domainValue(picking));
        replay("56", ids(order));
        replay("57", domainValue(order));
        replay("58");
        int invoiceWizard = replay("59", args -> {
            ((ArrayNode) args.get(5).get(0).get("sale_order_ids").get(0).get(2)).removeAll().add(order);
            activeIds(args, order);
        }).asInt();
        int invoice = replay("60", ids(invoiceWizard).andThen(args -> activeIds(args, order))).get("res_id").asInt();
        replay("61", ids(order));
        replay("62", ids(invoice));
        replay("63", domainValue(invoice));
        replay("64", ids(invoice));
        replay("65", ids(invoice));
        // 66-70 (payment) are not simulated; the return of 2 x E-COM07 from the done delivery is.
        int returnWizard = replay("71", args -> {
            ((ObjectNode) args.get(5).get(0)).put("picking_id", picking);
            ObjectNode context = (ObjectNode) args.get(6).get("context");
            context.put("active_id", picking);
            context.putArray("active_ids").add(picking);
        }).asInt();
        JsonNode returnLines = replay("72", ids(returnWizard)).get(0).get("product_return_moves");
        int cabinetLine = returnLines.get(0).asInt();
        replay("73", ids(cabinetLine, returnLines.get(1).asInt()));
        replay("74", ids(returnWizard).andThen(args ->
                ((ArrayNode) args.get(5).get(1).get("product_return_moves").get(0)).set(1, cabinetLine)));
        int receipt = replay("75", ids(returnWizard)).get("res_id").asInt();
        int returnMove = replay("76", ids(receipt)).get(0).get("move_ids").get(0).asInt();
        replay("77", ids(returnMove));
        replay("78", ids(returnMove));
        replay("79", ids(receipt));
        JsonNode afterReturn = replay("80", domainValue(order));
        assertThat(afterReturn.findValues("qty_delivered").get(0).asDouble()).isEqualTo(3.0);
        assertThat(afterReturn.findValues("qty_to_invoice").get(0).asDouble()).isEqualTo(-2.0);
        replay("103", ids(order));
    }

    @Test
    void cancellationPathsAnswerInTheRecordedShape() {
        int second = replay("81").asInt();
        replay("82", ids(second));
        replay("83", ids(second));
        int wizard = replay("84", context("default_order_id", second)
                .andThen(args -> ((ObjectNode) args.get(5).get(0)).put("order_id", second))).asInt();
        replay("85", ids(wizard).andThen(context("default_order_id", second)));
        replay("86", ids(second));
        replay("87", domainValue(second));
        int third = replay("88").asInt();
        replay("89", ids(third));
        replay("90", ids(third));
        replay("91", ids(second));
        replay("104", ids(third));
    }

    /** 200-205, recorded for issue 15: the commit's create that answers its name, the pricing rules' read, one price onchange. */
    @Test
    void webSaveCreatesAnOrderAnsweringItsNameAndRefusesAsCreateDoes() {
        Consumer<ArrayNode> labPartnerToSeed = args -> ((ObjectNode) args.get(5).get(1)).put("partner_id", 14);
        JsonNode saved = replay("200", labPartnerToSeed);
        int order = saved.get(0).get("id").asInt();
        assertThat(odoo.salesOrdersByClientRef("CALLS-WS-1801")).singleElement()
                .satisfies(created -> assertThat(created.name()).isEqualTo(saved.get(0).get("name").asText()));
        replay("201", ids(order));
        replay("202", labPartnerToSeed);
        assertThat(odoo.salesOrdersByClientRef("CALLS-WS-BAD")).as("nothing created").isEmpty();
        replay("203", labPartnerToSeed);
        replay("204");
        JsonNode priced = replay("205", args -> ((ObjectNode) args.get(5).get(1)).put("partner_id", 14));
        assertThat(priced.get("value").get("order_line").findValuesAsText("price_unit")).containsExactly("299.0", "280.0");
    }

    @Test
    void errorsAndTransportFailuresAnswerInTheRecordedShape() {
        for (String number : List.of("92", "93", "94", "95", "96", "97", "98", "99", "100", "101", "102", "105",
                "109", "110", "111", "112")) {
            replay(number);
        }
    }

    // ---- replaying

    private JsonNode replay(String number) {
        return replay(number, args -> { });
    }

    private JsonNode replay(String number, Consumer<ArrayNode> rewrite) {
        JsonNode transcript = transcript(number);
        JsonNode request = transcript.get("request");
        HttpResponse<String> response;
        if (request.get("method").asText().equals("GET")) {
            response = http.get(SandboxHttp.ODOO);
        } else if (request.get("body").isTextual()) {
            response = http.post(SandboxHttp.ODOO, request.get("body").asText());
        } else {
            ObjectNode body = request.get("body").deepCopy();
            ArrayNode args = (ArrayNode) body.get("params").get("args");
            if (!args.isEmpty() && args.get(0).asText().equals("odoo18lab")) {
                args.set(0, "sandbox");
            }
            rewrite.accept(args);
            response = http.post(SandboxHttp.ODOO, body.toString());
        }
        assertThat(response.statusCode()).as("HTTP status of %s", number).isEqualTo(transcript.get("http_status").asInt());
        MediaType expectedType = MediaType.parseMediaType(transcript.get("response_content_type").asText());
        MediaType actualType = MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow());
        assertThat(actualType.equalsTypeAndSubtype(expectedType)).as("content type of %s: %s", number, actualType).isTrue();
        assertThat(actualType.getCharset()).as("charset of %s", number).isEqualTo(expectedType.getCharset());
        JsonNode recorded = transcript.get("response");
        if (recorded.isTextual()) {
            assertThat(response.body()).as("body of %s", number).isEqualTo(recorded.asText());
            return null;
        }
        JsonNode actual = http.json(response);
        RecordedShapes.assertSameShape(number, recorded, actual, Set.of());
        if (recorded.has("error")) {
            assertThat(actual.at("/error/data/name").asText()).as("error class of %s", number)
                    .isEqualTo(recorded.at("/error/data/name").asText());
            if (EXACT_ERROR_TEXT.contains(number)) {
                assertThat(actual.at("/error/data/message").asText()).as("error text of %s", number)
                        .isEqualTo(recorded.at("/error/data/message").asText());
            }
        }
        return actual.get("result");
    }



    private JsonNode transcript(String number) {
        return RecordedShapes.transcript(TRANSCRIPTS, number, http.mapper());
    }

    // ---- rewriting recorded requests to the sandbox's own ids

    private static Consumer<ArrayNode> ids(int... ids) {
        return args -> {
            ArrayNode list = ((ArrayNode) args.get(5)).arrayNode();
            for (int id : ids) {
                list.add(id);
            }
            ((ArrayNode) args.get(5)).set(0, list);
        };
    }

    /** The value of the first leaf of the domain, e.g. {@code [["order_id", "=", 25]]}. */
    private static Consumer<ArrayNode> domainValue(int value) {
        return args -> ((ArrayNode) args.get(5).get(0).get(0)).set(2, value);
    }

    private static Consumer<ArrayNode> context(String key, int value) {
        return args -> ((ObjectNode) args.get(6).get("context")).put(key, value);
    }

    private static Consumer<ArrayNode> backorderContext(int picking) {
        return args -> {
            ObjectNode context = (ObjectNode) args.get(6).get("context");
            context.putArray("button_validate_picking_ids").add(picking);
            context.putArray("default_pick_ids").addArray().add(4).add(picking);
        };
    }

    private static void activeIds(ArrayNode args, int order) {
        ObjectNode context = (ObjectNode) args.get(6).get("context");
        context.putArray("active_ids").add(order);
        context.put("active_id", order);
    }
}
