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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ordergate.FreePort;

/**
 * The simulated Odoo behaves as real Odoo: it refuses what real Odoo refuses (the required fields and selection
 * values its {@code fields_get} shows in the 18.0 and 19.0 transcripts, and the refusals seen on real servers that no
 * transcript recorded, such as the reversal wizard's journal of issue 16), so a field the next adapter forgets fails
 * here first; and it answers the web client's routes third-party clients use, on a port of its own at Odoo's paths.
 */
@SpringBootTest(classes = SandboxTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ordergate.sandbox.wms.auto-ship=false")
class SandboxOdooFidelityTest {

    private static final Path CONTRACT = Path.of("src", "test", "resources", "odoo-contract");

    private static final int ODOO_PORT = FreePort.find();

    @DynamicPropertySource
    static void odooPort(DynamicPropertyRegistry registry) {
        registry.add("ordergate.sandbox.odoo.port", () -> ODOO_PORT);
    }

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

    @Test
    void versionInfoAnswersAsTheRecordedServerDoes() throws IOException {
        JsonNode recorded = transcript("18.0", "12-web-version-info.json");

        JsonNode answer = webClient().call("/web/webclient/version_info", recorded.at("/request/body"));

        assertThat(answer.get("result")).isEqualTo(recorded.at("/response/result"));
    }

    @Test
    void aWebClientSessionLogsInAndCallsModelMethodsWithItsCookie() throws IOException {
        WebClient client = webClient();
        JsonNode login = transcript("18.0", "116-web-session-authenticate.json");
        ObjectNode credentials = (ObjectNode) login.at("/request/body").deepCopy();
        ((ObjectNode) credentials.get("params")).put("db", "sandbox");

        JsonNode session = client.call("/web/session/authenticate", credentials).get("result");
        JsonNode recorded = login.at("/response/result");
        for (String key : List.of("uid", "is_admin", "is_internal_user", "server_version", "server_version_info", "username")) {
            assertThat(session.get(key)).as(key).isEqualTo(recorded.get(key));
        }
        assertThat(session.at("/user_context/uid").asInt()).isEqualTo(2);
        assertThat(client.cookies()).contains("session_id");

        http.result("sale.order", "create", List.of(Map.of("partner_id", 14, "client_order_ref", "JAVA-EXT-0001")), Map.of());
        JsonNode callKw = transcript("18.0", "117-web-dataset-call-kw.json");
        JsonNode orders = client.call(callKw.at("/request/path").asText(), callKw.at("/request/body"));
        assertThat(orders.get("result").findValuesAsText("state")).containsExactly("draft");
        assertThat(orders.get("result").get(0).fieldNames()).toIterable().containsExactly("id", "name", "state");
        assertThat(client.call("/web/session/get_session_info", new ObjectMapper().createObjectNode()).at("/result/uid").asInt())
                .isEqualTo(2);
    }

    @Test
    void withoutASessionCallKwAnswersSessionExpiredAndAWrongPasswordIsAccessDenied() throws IOException {
        JsonNode callKw = transcript("18.0", "117-web-dataset-call-kw.json");
        JsonNode expired = webClient().call(callKw.at("/request/path").asText(), callKw.at("/request/body"));
        assertThat(expired.at("/error/code").asInt()).isEqualTo(100);
        assertThat(expired.at("/error/data/name").asText()).isEqualTo("odoo.http.SessionExpiredException");

        ObjectNode wrong = (ObjectNode) transcript("18.0", "116-web-session-authenticate.json").at("/request/body").deepCopy();
        ((ObjectNode) wrong.get("params")).put("db", "sandbox").put("password", "not-the-password");
        WebClient client = webClient();
        JsonNode refused = client.call("/web/session/authenticate", wrong);
        assertThat(refused.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.AccessDenied");
        assertThat(client.cookies()).doesNotContain("session_id");
    }

    @Test
    void theOdooPortAnswersOnlyOdoosPaths() {
        WebClient client = webClient();
        assertThat(client.status("/sandbox/odoo/jsonrpc")).isEqualTo(404);
        assertThat(client.status("/sandbox/credit/v1/customers/C-10042")).isEqualTo(404);
        assertThat(http.executeKw("res.partner", "search_count", List.of(List.of()), Map.of()).get("result").asInt())
                .isPositive();
    }

    /**
     * Debian's python3-odoorpc, a client people use to look into their Odoo: connect, login, search_read, create and
     * a method call pass against the sandbox as they pass against real Odoo 18 and 19.
     */
    @Test
    void odoorpcTakesItsStepsAgainstTheSandbox() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: skipped");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import odoorpc").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor() == 0,
                "python3-odoorpc is not installed (apt-get install python3-odoorpc): the odoorpc steps are skipped");

        Process steps = new ProcessBuilder(python.toString(), "src/test/resources/odoorpc/steps.py", "127.0.0.1",
                String.valueOf(ODOO_PORT), "sandbox", "admin", "admin").redirectErrorStream(true).start();
        String output = new String(steps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        steps.waitFor();

        assertThat(output.lines().map(line -> line.split(" ")[0]))
                .as(output).containsExactly("connect", "login", "search_read", "create", "call");
        assertThat(output).contains("connect 18.0+e-20241005", "login 2", "search_read C-10042", "call sale");
        assertThat(odoo.salesOrdersByClientRef("ODOORPC-1")).singleElement()
                .satisfies(order -> assertThat(order.state()).isEqualTo("sale"));
    }

    /**
     * Seen on real Odoo 18 and 19: {@code /web/session/destroy} needs a session (SessionExpired, with no id, without
     * one), and the logout, which returns None, answers an envelope without {@code result}.
     */
    @Test
    void sessionDestroyNeedsASessionAndAnswersNoResultAsOdooDoes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode destroy = json.readTree("{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {}, \"id\": 3}");
        WebClient client = webClient();

        JsonNode refused = client.call("/web/session/destroy", destroy);
        assertThat(refused.at("/error/data/name").asText()).as(refused.toString()).isEqualTo("odoo.http.SessionExpiredException");
        assertThat(refused.get("id").isNull()).as(refused.toString()).isTrue();

        ObjectNode credentials = (ObjectNode) transcript("18.0", "116-web-session-authenticate.json").at("/request/body").deepCopy();
        ((ObjectNode) credentials.get("params")).put("db", "sandbox");
        assertThat(client.call("/web/session/authenticate", credentials).at("/result/uid").asInt()).isEqualTo(2);
        assertThat(client.call("/web/session/destroy", destroy))
                .isEqualTo(json.readTree("{\"jsonrpc\": \"2.0\", \"id\": 3}"));
        assertThat(client.call("/web/session/get_session_info", json.createObjectNode()).at("/error/data/name").asText())
                .isEqualTo("odoo.http.SessionExpiredException");
    }

    private WebClient webClient() {
        return new WebClient(ODOO_PORT);
    }

    private static JsonNode transcript(String version, String name) throws IOException {
        return new ObjectMapper().readTree(CONTRACT.resolve(version).resolve(name).toFile());
    }

    /** A web client of the Odoo port, keeping its cookies as a browser (or odoorpc's cookie jar) does. */
    private static final class WebClient {
        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        private final ObjectMapper mapper = new ObjectMapper();
        private final int port;

        WebClient(int port) {
            this.port = port;
        }

        JsonNode call(String path, JsonNode body) {
            try {
                java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(uri(path))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                return mapper.readTree(response.body());
            } catch (IOException | InterruptedException failed) {
                throw new AssertionError(failed);
            }
        }

        int status(String path) {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | InterruptedException failed) {
                throw new AssertionError(failed);
            }
        }

        List<String> cookies() {
            return cookies.getCookieStore().getCookies().stream().map(java.net.HttpCookie::getName).toList();
        }

        private java.net.URI uri(String path) {
            return java.net.URI.create("http://127.0.0.1:" + port + path);
        }
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
