package dev.ordergate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulated Odoo refuses what real Odoo refuses: the required fields and selection values its {@code fields_get}
 * shows in the 18.0 and 19.0 transcripts, and the refusals seen on real servers that no transcript recorded (the
 * reversal wizard's journal, issue 16). A field the next adapter forgets fails here before it fails on a real Odoo.
 */
@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ordergate.sandbox.wms.auto-ship=false")
class SandboxOdooFidelityTest {

    private static final Path CONTRACT = Path.of("src", "test", "resources", "odoo-contract");

    @LocalServerPort
    int port;
    @Autowired
    SandboxOdoo odoo;

    private SandboxHttp http;

    @BeforeEach
    void freshSandbox() {
        odoo.reset();
        http = new SandboxHttp(port);
    }

    @Test
    void theSandboxDescribesRequiredFieldsAndSelectionValuesAsTheRecordedServersDo() throws IOException {
        List<String> compared = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (Path transcript : fieldsGetTranscripts()) {
            JsonNode recorded = new ObjectMapper().readTree(transcript.toFile());
            JsonNode answer = recorded.path("response").has("result") ? recorded.at("/response/result") : recorded.get("response");
            String model = modelOf(recorded);
            List<String> fields = new ArrayList<>();
            answer.fieldNames().forEachRemaining(fields::add);
            JsonNode sandbox = http.result(model, "fields_get", List.of(), Map.of("attributes", List.of("required", "selection")));
            for (String field : fields) {
                JsonNode real = answer.get(field);
                JsonNode ours = sandbox.get(field);
                if (ours == null || !real.has("required")) {
                    continue;
                }
                compared.add(model + "." + field);
                if (real.get("required").asBoolean() != ours.path("required").asBoolean()) {
                    differences.add("%s.%s required %s in %s".formatted(model, field, real.get("required"), transcript));
                }
                if (real.has("selection") && !selectionKeys(real).equals(selectionKeys(ours))) {
                    differences.add("%s.%s selection %s, ours %s".formatted(model, field, selectionKeys(real), selectionKeys(ours)));
                }
            }
        }
        assertThat(compared).contains("sale.order.partner_id", "sale.order.name", "sale.order.invoice_status",
                "sale.order.line.price_unit", "sale.order.line.product_uom_qty");
        assertThat(differences).isEmpty();
    }

    @Test
    void anOrderWithoutACustomerIsRefusedNamingTheField() {
        JsonNode response = http.executeKw("sale.order", "create", List.of(Map.of("client_order_ref", "JAVA-EXT-BAD")), Map.of());

        assertThat(response.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(response.at("/error/data/message").asText())
                .contains("a mandatory field is not set").contains("Field: Customer (partner_id)");
    }

    @Test
    void aSelectionValueOdooDoesNotKnowIsRefused() {
        JsonNode response = http.executeKw("sale.advance.payment.inv", "create",
                List.of(Map.of("advance_payment_method", "all")), Map.of());

        assertThat(response.at("/error/data/name").asText()).isEqualTo("builtins.ValueError");
        assertThat(response.at("/error/data/message").asText()).contains("advance_payment_method").contains("'all'");
    }

    @Test
    void theReversalWizardWithoutAJournalIsRefusedAsRealOdooRefusesIt() {
        int invoice = postedInvoice();
        Map<String, Object> context = Map.of("active_model", "account.move", "active_ids", List.of(invoice));

        JsonNode refused = http.executeKw("account.move.reversal", "create",
                List.of(Map.of("move_ids", List.of(List.of(6, 0, List.of(invoice))), "reason", "return")),
                Map.of("context", context));
        assertThat(refused.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(refused.at("/error/data/message").asText()).contains("Field: Journal (journal_id)");

        int journal = http.result("account.move", "read", List.of(List.of(invoice)), Map.of("fields", List.of("journal_id")))
                .get(0).at("/journal_id/0").asInt();
        int wizard = http.result("account.move.reversal", "create",
                List.of(Map.of("move_ids", List.of(List.of(6, 0, List.of(invoice))), "reason", "return", "journal_id", journal)),
                Map.of("context", context)).asInt();
        int creditNote = http.result("account.move.reversal", "refund_moves", List.of(List.of(wizard)), Map.of("context", context))
                .get("res_id").asInt();
        JsonNode made = http.result("account.move", "read", List.of(List.of(creditNote)),
                Map.of("fields", List.of("move_type", "journal_id"))).get(0);
        assertThat(made.get("move_type").asText()).isEqualTo("out_refund");
        assertThat(made.at("/journal_id/0").asInt()).isEqualTo(journal);
    }

    /** Two chairs delivered in full (validated as they were reserved), invoiced and posted. */
    private int postedInvoice() {
        int order = http.result("sale.order", "create", List.of(Map.of("partner_id", 14, "client_order_ref", "FIDELITY",
                "order_line", List.of(List.of(0, 0, Map.of("product_id", 25, "product_uom_qty", 2))))), Map.of()).asInt();
        http.result("sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        int picking = http.result("sale.order", "read", List.of(List.of(order)), Map.of("fields", List.of("picking_ids")))
                .get(0).at("/picking_ids/0").asInt();
        http.result("stock.picking", "button_validate", List.of(List.of(picking)), Map.of());
        Map<String, Object> context = Map.of("active_model", "sale.order", "active_ids", List.of(order));
        int wizard = http.result("sale.advance.payment.inv", "create", List.of(Map.of("advance_payment_method", "delivered")),
                Map.of("context", context)).asInt();
        int invoice = http.result("sale.advance.payment.inv", "create_invoices", List.of(List.of(wizard)),
                Map.of("context", context)).get("res_id").asInt();
        http.result("account.move", "action_post", List.of(List.of(invoice)), Map.of());
        return invoice;
    }

    private static List<Path> fieldsGetTranscripts() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String version : List.of("18.0", "19.0")) {
            try (Stream<Path> files = Files.list(CONTRACT.resolve(version))) {
                files.filter(f -> f.getFileName().toString().contains("fields-get")).sorted().forEach(found::add);
            }
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(4);
        return found;
    }

    private static String modelOf(JsonNode recorded) {
        JsonNode request = recorded.get("request");
        JsonNode args = request.at("/body/params/args");
        return args.isArray() ? args.get(3).asText() : request.get("path").asText().split("/")[3];
    }

    private static List<String> selectionKeys(JsonNode field) {
        List<String> keys = new ArrayList<>();
        for (Iterator<JsonNode> it = field.path("selection").elements(); it.hasNext(); ) {
            keys.add(it.next().get(0).asText());
        }
        return keys;
    }
}
