package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.many2oneName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.IntegrationTest;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.sandbox.SandboxFaults.Fault;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo.SandboxMove;
import dev.ordergate.sandbox.SandboxOdoo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Micro-batching of the release, the delivery, the invoice and the master-data gate's reads against the sandbox Odoo
 * over HTTP (issue 15, item 4): fifty orders that reach a step together cost Odoo one or two calls per kind, each
 * order gets its own answer, a batch Odoo refuses goes order by order so that only the bad order fails (with its own
 * refusal), and a lost answer fails every order as retryable while Odoo holds what was done, once, for the retries to
 * find. Counted by the sandbox, by model and method.
 */
@IntegrationTest
class OdooStepBatchesTest {

    private static final int ORDERS = 50;
    private static final int BAD = 7;

    @Autowired
    OdooClient odoo;
    @Autowired
    OdooRecords records;
    @Autowired
    SandboxFaults faults;
    @Autowired
    SandboxOdoo sandbox;
    @Autowired
    ManagementService management;

    // Long enough that fifty threads meet in it on a loaded machine; a full batch goes at once anyway.
    private final OdooBatchingProperties batching = new OdooBatchingProperties(true, Duration.ofSeconds(10), ORDERS);
    private OdooDeliveryBatches deliveries;
    private OdooInvoiceBatches invoices;
    private final List<String> refs = new ArrayList<>();
    private final List<Integer> orderIds = new ArrayList<>();

    @BeforeEach
    void fiftyConfirmedOrders() throws Exception {
        deliveries = new OdooDeliveryBatches(odoo, new OdooPickings(odoo), batching);
        invoices = new OdooInvoiceBatches(odoo, batching);
        OdooCommitBatches commits = new OdooCommitBatches(odoo, batching);
        int partner = records.requirePartner("C-10042").id();
        int product = records.requireProducts(List.of("FURN_0269")).get("FURN_0269").id();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> valsList = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            refs.add("b2b-portal:STEPS-" + run + "-" + i);
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("partner_id", partner);
            vals.put("client_order_ref", refs.get(i));
            vals.put("order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_uom_qty", 1))));
            valsList.add(vals);
        }
        for (Object id : QueuedCalls.together(valsList, vals -> {
            int id = commits.create(vals).id();
            commits.confirm(id);
            return id;
        })) {
            orderIds.add((Integer) id);
        }
        // Other tests' orders may still be on their way; their calls would count here.
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().executable().count() == 0);
    }

    @Test
    void fiftyReleasesReadTheirOpenMovesInOneSearchAndEachOrderGetsOnlyItsOwn() throws Exception {
        Map<String, Integer> before = faults.callCounts();

        List<Object> moves = QueuedCalls.together(orderIds, deliveries::openMoves);

        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .isEqualTo(Map.of("stock.move/search_read", 1, "stock.picking/read", 1));
        for (int i = 0; i < ORDERS; i++) {
            assertThat(pickingNames((JsonNode) moves.get(i))).as(refs.get(i))
                    .isNotEmpty().isSubsetOf(sandboxPickingNames(refs.get(i)));
        }
    }

    @Test
    void fiftyFullDeliveriesAreReadInOneSearchAndValidatedInOneCall() throws Exception {
        Map<String, Integer> before = faults.callCounts();
        List<Integer> pickings = deliveryPickings();
        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .isEqualTo(Map.of("stock.move/search_read", 1, "stock.picking/read", 1));
        before = faults.callCounts();

        List<Object> answers = validateAll(pickings);

        assertThat(answers).allMatch(Boolean.TRUE::equals);
        // the validation, then the pickings' states: Odoo skips in a list what it would refuse alone
        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .isEqualTo(Map.of("stock.picking/button_validate", 1, "stock.picking/read", 1));
        refs.forEach(ref -> assertThat(sandbox.deliveryStates(ref)).as(ref).containsExactly("done"));
    }

    @Test
    void aValidationBatchOdooRefusesGoesPickingByPicking() throws Exception {
        List<Integer> pickings = deliveryPickings();
        faults.failNext("stock.picking", "button_validate", 1, Fault.USER_ERROR);
        Map<String, Integer> before = faults.callCounts();

        List<Object> answers = validateAll(pickings);

        assertThat(answers).allMatch(Boolean.TRUE::equals);
        refs.forEach(ref -> assertThat(sandbox.deliveryStates(ref)).as(ref).containsExactly("done"));
        // the refused batch, then each picking alone
        assertThat(QueuedCalls.added(faults.callCounts(), before)).containsEntry("stock.picking/button_validate", 1 + ORDERS);
    }

    @Test
    void aPickingOdooSkipsInTheBatchMeetsItsRefusalAloneAndOnlyItFails() throws Exception {
        List<Integer> pickings = deliveryPickings();
        odoo.call("stock.picking", "action_cancel", List.of(pickings.get(BAD)), null);
        Map<String, Integer> before = faults.callCounts();

        List<Object> answers = validateAll(pickings);

        assertRefused(answers.get(BAD));
        assertThat(sandbox.deliveryStates(refs.get(BAD))).containsExactly("cancel");
        for (int i = 0; i < ORDERS; i++) {
            if (i != BAD) {
                assertThat(answers.get(i)).isEqualTo(Boolean.TRUE);
                assertThat(sandbox.deliveryStates(refs.get(i))).as(refs.get(i)).containsExactly("done");
            }
        }
        // the batch (Odoo validates the others and skips the cancelled one silently), the states, the cancelled one alone
        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .isEqualTo(Map.of("stock.picking/button_validate", 2, "stock.picking/read", 1));
    }

    @Test
    void aLostValidationAnswerFailsEveryDeliveryAsRetryableAndTheRetryFindsThemDone() throws Exception {
        List<Integer> pickings = deliveryPickings();
        faults.failNext("stock.picking", "button_validate", 1, Fault.LOSE_RESPONSE);
        Map<String, Integer> before = faults.callCounts();

        List<Object> answers = validateAll(pickings);

        answers.forEach(OdooStepBatchesTest::assertRetryable);
        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .as("not re-sent order by order: Odoo may have done the whole batch")
                .isEqualTo(Map.of("stock.picking/button_validate", 1));
        // What each retry reads first: its delivery moves, done, so it has nothing left to validate.
        List<Object> moves = QueuedCalls.together(orderIds, deliveries::deliveryMoves);
        for (int i = 0; i < ORDERS; i++) {
            assertThat((JsonNode) moves.get(i)).as(refs.get(i)).isNotEmpty()
                    .allMatch(move -> "done".equals(move.path("state").asText()));
            assertThat(sandbox.deliveryStates(refs.get(i))).as(refs.get(i)).containsExactly("done");
        }
    }

    @Test
    void fiftyInvoicesOfOneCustomerStayOneInvoicePerOrderAndArePostedInOneCall() throws Exception {
        deliverAll(-1);
        Map<String, Integer> before = faults.callCounts();

        List<Object> invoiceIds = QueuedCalls.together(orderIds, invoices::invoice);

        assertThat(QueuedCalls.added(faults.callCounts(), before)).isEqualTo(Map.of(
                "sale.advance.payment.inv/create", 1, "sale.advance.payment.inv/create_invoices", 1, "sale.order/read", 1));
        assertThat(new HashSet<>(invoiceIds)).as("one invoice per order, though all are one customer's").hasSize(ORDERS);
        for (String ref : refs) {
            List<SandboxMove> moves = sandbox.movesByClientRef(ref);
            assertThat(moves).as(ref).hasSize(1);
            assertThat(moves.get(0).ref()).as("the invoice of this order alone").isEqualTo(ref);
            assertThat(moves.get(0).state()).isEqualTo("draft");
        }
        before = faults.callCounts();

        List<Object> posted = QueuedCalls.together(invoiceIds, id -> invoices.post((Integer) id));

        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .isEqualTo(Map.of("account.move/action_post", 1, "account.move/read", 1));
        for (int i = 0; i < ORDERS; i++) {
            SandboxMove invoice = sandbox.movesByClientRef(refs.get(i)).get(0);
            assertThat(invoice.state()).isEqualTo("posted");
            assertThat(((JsonNode) posted.get(i)).path("name").asText()).as("its own number").isEqualTo(invoice.name());
        }
    }

    @Test
    void anOrderWithNothingToInvoiceLeftOutOfTheBatchMeetsOdoosRefusalAlone() throws Exception {
        deliverAll(BAD);
        Map<String, Integer> before = faults.callCounts();

        List<Object> invoiceIds = QueuedCalls.together(orderIds, invoices::invoice);

        assertRefused(invoiceIds.get(BAD));
        assertThat(sandbox.movesByClientRef(refs.get(BAD))).isEmpty();
        for (int i = 0; i < ORDERS; i++) {
            if (i != BAD) {
                assertThat(invoiceIds.get(i)).isInstanceOf(Integer.class);
                assertThat(sandbox.movesByClientRef(refs.get(i))).as(refs.get(i)).hasSize(1);
            }
        }
        // Odoo skipped the undelivered order silently in the batch; alone, it refuses it
        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .containsEntry("sale.advance.payment.inv/create_invoices", 2);
    }

    @Test
    void aPostingBatchOdooRefusesPostsOneByOneAndOnlyTheBadInvoiceFails() throws Exception {
        deliverAll(-1);
        List<Object> invoiceIds = QueuedCalls.together(orderIds, invoices::invoice);
        odoo.call("account.move", "action_post", List.of((Integer) invoiceIds.get(BAD)), null);
        Map<String, Integer> before = faults.callCounts();

        List<Object> posted = QueuedCalls.together(invoiceIds, id -> invoices.post((Integer) id));

        assertRefused(posted.get(BAD));
        for (int i = 0; i < ORDERS; i++) {
            assertThat(sandbox.movesByClientRef(refs.get(i))).as(refs.get(i)).singleElement()
                    .satisfies(invoice -> assertThat(invoice.state()).isEqualTo("posted"));
        }
        assertThat(QueuedCalls.added(faults.callCounts(), before)).containsEntry("account.move/action_post", 1 + ORDERS);
    }

    @Test
    void aLostInvoiceAnswerFailsEveryOrderAsRetryableAndLeavesOneDraftEachToFind() throws Exception {
        deliverAll(-1);
        faults.failNext("sale.advance.payment.inv", "create_invoices", 1, Fault.LOSE_RESPONSE);
        Map<String, Integer> before = faults.callCounts();

        List<Object> invoiceIds = QueuedCalls.together(orderIds, invoices::invoice);

        invoiceIds.forEach(OdooStepBatchesTest::assertRetryable);
        assertThat(QueuedCalls.added(faults.callCounts(), before)).containsEntry("sale.advance.payment.inv/create_invoices", 1);
        // What a retry reads (the order's invoice_ids) and posts: exactly one draft per order, made once.
        for (String ref : refs) {
            assertThat(sandbox.movesByClientRef(ref)).as(ref).singleElement()
                    .satisfies(invoice -> assertThat(invoice.state()).isEqualTo("draft"));
        }
    }

    @Test
    void fiftyMasterDataGatesReadCustomersAndProductsInOneSearchEach() throws Exception {
        OdooLookupBatches lookups = new OdooLookupBatches(odoo, batching);
        List<Integer> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(i);
        }
        Function<Integer, String> customer = i -> i % 5 == 0 ? "C-UNKNOWN-" + i : "C-10042";
        Function<Integer, Set<String>> skus = i -> i % 2 == 0 ? Set.of("FURN_0269", "E-COM07") : Set.of("E-COM07", "NO-SUCH-SKU");
        Map<String, Integer> before = faults.callCounts();

        List<Object> partners = QueuedCalls.together(orders, i -> lookups.partnerRows(customer.apply(i)));
        List<Object> products = QueuedCalls.together(orders, i -> lookups.productRows(skus.apply(i), List.of("default_code", "name")));

        assertThat(QueuedCalls.added(faults.callCounts(), before))
                .isEqualTo(Map.of("res.partner/search_read", 1, "product.product/search_read", 1));
        for (int i = 0; i < ORDERS; i++) {
            JsonNode found = (JsonNode) partners.get(i);
            assertThat(found).as("contacts of %s", customer.apply(i)).hasSize(i % 5 == 0 ? 0 : 1);
            found.forEach(partner -> assertThat(partner.path("ref").asText()).isEqualTo("C-10042"));
            Set<String> codes = new HashSet<>();
            ((JsonNode) products.get(i)).forEach(product -> codes.add(product.path("default_code").asText()));
            assertThat(codes).as("products of order %d", i)
                    .isEqualTo(i % 2 == 0 ? Set.of("FURN_0269", "E-COM07") : Set.of("E-COM07"));
        }
    }

    @Test
    void aRefusedLookupIsReadAgainOrderByOrderAndALostOneFailsAllAsRetryable() throws Exception {
        OdooLookupBatches lookups = new OdooLookupBatches(odoo, batching);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            customers.add("C-10042");
        }
        faults.failNext("res.partner", "search_read", 1, Fault.USER_ERROR);
        Map<String, Integer> before = faults.callCounts();

        List<Object> refused = QueuedCalls.together(customers, lookups::partnerRows);

        assertThat(refused).allSatisfy(found -> assertThat((JsonNode) found).hasSize(1));
        assertThat(QueuedCalls.added(faults.callCounts(), before)).isEqualTo(Map.of("res.partner/search_read", 1 + ORDERS));

        faults.failNext("res.partner", "search_read", 1, Fault.LOSE_RESPONSE);
        before = faults.callCounts();

        List<Object> lost = QueuedCalls.together(customers, lookups::partnerRows);

        lost.forEach(OdooStepBatchesTest::assertRetryable);
        assertThat(QueuedCalls.added(faults.callCounts(), before)).isEqualTo(Map.of("res.partner/search_read", 1));
    }

    private List<Integer> deliveryPickings() throws Exception {
        List<Integer> pickings = new ArrayList<>();
        for (Object moves : QueuedCalls.together(orderIds, deliveries::deliveryMoves)) {
            pickings.add(many2oneId(((JsonNode) moves).path(0).path("picking_id")));
        }
        return pickings;
    }

    private List<Object> validateAll(List<Integer> pickings) throws Exception {
        return QueuedCalls.together(pickings, picking -> {
            deliveries.validateShippedInFull(picking);
            return Boolean.TRUE;
        });
    }

    /** Delivers every order in full, but for {@code except} (-1: none). */
    private void deliverAll(int except) throws Exception {
        List<Integer> pickings = deliveryPickings();
        if (except >= 0) {
            pickings.remove(except);
        }
        assertThat(validateAll(pickings)).allMatch(Boolean.TRUE::equals);
    }

    private Set<String> sandboxPickingNames(String ref) {
        Set<String> names = new HashSet<>();
        sandbox.pickingsByClientRef(ref).forEach(picking -> names.add(picking.name()));
        return names;
    }

    private static Set<String> pickingNames(JsonNode moves) {
        Set<String> names = new HashSet<>();
        moves.forEach(move -> names.add(many2oneName(move.path("picking_id"))));
        return names;
    }

    private static void assertRefused(Object answer) {
        assertThat(answer).isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).as("a refusal, not retried").isFalse());
    }

    private static void assertRetryable(Object answer) {
        assertThat(answer).isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).as("an unknown outcome, retried").isTrue());
    }
}
