package dev.ordergate.odoo;

import static dev.ordergate.SampleOrders.sample;
import static dev.ordergate.SampleOrders.uniqueRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordergate.ApiClient;
import dev.ordergate.IntegrationTest;
import dev.ordergate.sandbox.SandboxFaults;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Odoo is the ceiling (DESIGN.md): the calls one order costs decide how many orders a distributor's Odoo carries.
 * This counts what the sandbox Odoo received, by model and method, while the README's order went from intake to
 * COMPLETED, so a change that adds a call fails here instead of showing up as a slower Odoo in production.
 */
@IntegrationTest
class OdooCallsPerOrderTest {

    private final ApiClient api = new ApiClient();

    @Autowired
    SandboxFaults faults;
    @Autowired
    ManagementService management;

    @Test
    void theReadmeOrderCostsOdooACountedNumberOfCalls() {
        Map<String, Integer> calls = callsOfOneReadmeOrder();

        assertThat(calls).as("Odoo calls of the README order by model/method").isEqualTo(EXPECTED);
        // 41 before the order was resolved once (issue 15), 22 before writes searched only after an attempt, the
        // release and the delivery read the order's moves in one call, the availability gate took the free
        // quantities read with the resolution and a delivery shipped as reserved was validated without a write; 14
        // before the customer came from a local read model, the prices from the pricelist's kept rules and the
        // commit's create answered the order's name (web_save).
        assertThat(total(calls)).isEqualTo(10);
    }

    /** The calls of one order, counted after the jobs of earlier tests in this JVM are done; the fewest of three. */
    private Map<String, Integer> callsOfOneReadmeOrder() {
        Map<String, Integer> fewest = null;
        // Other tests' orders waiting in reviews can wake up (timers) and call Odoo while this order runs; they only
        // ever add calls, so the fewest of a few runs is this order's own count.
        for (int run = 0; run < 3 && (fewest == null || !fewest.equals(EXPECTED)); run++) {
            awaitNoDueJobs();
            Map<String, Integer> before = faults.callCounts();
            String id = api.submitOrder(sample(uniqueRef()));
            api.awaitOrderStatus(id, "COMPLETED");
            awaitNoDueJobs();
            Map<String, Integer> calls = difference(faults.callCounts(), before);
            if (fewest == null || total(calls) < total(fewest)) {
                fewest = calls;
            }
        }
        return fewest;
    }

    /**
     * What the README's order costs Odoo now; lower it when a change saves a call, never raise it silently.
     * RealOdooTest holds a real Odoo to the same count.
     */
    static final Map<String, Integer> EXPECTED = calls(
            // the master-data gate resolves the order: all its SKUs in one read (with their free quantities, which the
            // availability gate takes moments later instead of asking again); the customer comes from the contacts
            // kept locally (app.odoo_customers) while younger than the master-data freshness
            "product.product/search_read", 1,
            // the price gate: nothing, the pricelist's fixed-price variant rules kept on the node price both lines
            // (read once per pricelist while fresh; the pricelist's currency is kept as fresh as master data)
            // the commit: web_save creates and answers the name, confirm (a first attempt has nothing to search for)
            "sale.order/web_save", 1, "sale.order/action_confirm", 1,
            // the release: the order's open moves, reserved by the confirmation (by the kept sales order id)
            // the delivery: the order's delivery moves, validate (all shipped as reserved: Odoo picks what is reserved)
            "stock.move/search_read", 2, "stock.picking/button_validate", 1,
            // the invoice (by the kept sales order id): the wizard, its invoice, post, the posted number
            "sale.advance.payment.inv/create", 1, "sale.advance.payment.inv/create_invoices", 1,
            "account.move/action_post", 1, "account.move/read", 1);

    private static Map<String, Integer> calls(Object... modelMethodAndCount) {
        Map<String, Integer> calls = new TreeMap<>();
        for (int i = 0; i < modelMethodAndCount.length; i += 2) {
            calls.put((String) modelMethodAndCount[i], (Integer) modelMethodAndCount[i + 1]);
        }
        return calls;
    }

    private void awaitNoDueJobs() {
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().executable().count() == 0);
    }

    private static Map<String, Integer> difference(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> calls = new TreeMap<>();
        after.forEach((key, count) -> {
            int added = count - before.getOrDefault(key, 0);
            if (added > 0) {
                calls.put(key, added);
            }
        });
        return calls;
    }

    private static int total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
