package dev.ordergate.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.IntegrationTest;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooException;
import dev.ordergate.sandbox.SandboxFaults;
import dev.ordergate.sandbox.SandboxOdoo;
import dev.ordergate.sandbox.SandboxSaleOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Micro-batching of the commit against the sandbox Odoo over HTTP (issue 15, item 4): fifty orders that reach the
 * commit together cost Odoo three calls (one create with fifty values, one action_confirm on fifty ids, one read of
 * their names) instead of 150; when Odoo refuses the batch, nothing of it exists and each order goes alone, so only
 * the bad order fails, with its own refusal. Counted by the sandbox, by model and method.
 */
@IntegrationTest
class OdooCommitBatchesTest {

    private static final int ORDERS = 50;

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

    @Test
    void fiftyQueuedCommitsCostOdooThreeCallsAndEachOrderGetsItsOwnSalesOrder() throws Exception {
        OdooCommitBatches batches = new OdooCommitBatches(odoo, batching);
        List<String> refs = refs();
        awaitNoDueJobs();
        Map<String, Integer> before = faults.callCounts();

        List<Object> names = commitAll(batches, refs, -1);

        Map<String, Integer> calls = QueuedCalls.added(faults.callCounts(), before);
        assertThat(calls).containsEntry("sale.order/create", 1).containsEntry("sale.order/action_confirm", 1)
                .containsEntry("sale.order/read", 1);
        for (int i = 0; i < ORDERS; i++) {
            List<SandboxSaleOrder> orders = sandbox.salesOrdersByClientRef(refs.get(i));
            assertThat(orders).as(refs.get(i)).hasSize(1);
            assertThat(orders.get(0).state()).isEqualTo("sale");
            assertThat(names.get(i)).as("the name answered to its own order").isEqualTo(orders.get(0).name());
        }
    }

    @Test
    void aBatchOdooRefusesGoesOrderByOrderAndOnlyTheBadOrderFails() throws Exception {
        OdooCommitBatches batches = new OdooCommitBatches(odoo, batching);
        List<String> refs = refs();
        Map<String, Integer> before = faults.callCounts();

        List<Object> names = commitAll(batches, refs, 7);

        assertThat(names.get(7)).isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).isRetryable()).as("a refusal, not retried").isFalse());
        assertThat(sandbox.salesOrdersByClientRef(refs.get(7))).as("the refused order").isEmpty();
        for (int i = 0; i < ORDERS; i++) {
            if (i != 7) {
                assertThat(sandbox.salesOrdersByClientRef(refs.get(i))).as("%s: once, not twice", refs.get(i)).hasSize(1);
                assertThat(names.get(i)).isInstanceOf(String.class);
            }
        }
        Map<String, Integer> calls = QueuedCalls.added(faults.callCounts(), before);
        // the refused batch, then each order alone; the 49 created meet again at confirm and at the name
        assertThat(calls).containsEntry("sale.order/create", 1 + ORDERS);
        assertThat(calls.get("sale.order/action_confirm")).isLessThan(ORDERS - 1);
    }

    /** Other tests' orders may still be on their way; their calls would count here. */
    private void awaitNoDueJobs() {
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().executable().count() == 0);
    }

    private static List<String> refs() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            refs.add("b2b-portal:BATCH-" + run + "-" + i);
        }
        return refs;
    }

    /** Each order on its own thread, as jobs would be; {@code bad}: the order with a product Odoo does not have. */
    private List<Object> commitAll(OdooCommitBatches batches, List<String> refs, int bad) throws Exception {
        OdooRecords.Partner partner = records.requirePartner("C-10042");
        int product = records.requireProducts(List.of("FURN_0269")).get("FURN_0269").id();
        List<Map<String, Object>> valsList = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("partner_id", partner.id());
            vals.put("client_order_ref", refs.get(i));
            vals.put("order_line", List.of(List.of(0, 0, Map.of("product_id", i == bad ? 999_999 : product,
                    "product_uom_qty", 1))));
            valsList.add(vals);
        }
        return QueuedCalls.together(valsList, vals -> {
            int id = batches.create(vals).id();
            batches.confirm(id);
            return batches.name(id);
        });
    }
}
