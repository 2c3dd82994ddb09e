package dev.ordergate.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated pricing engine (contract {@code contracts/pricing-engine.yaml}): serves the price agreements it
 * was last given. Its seed feed repeats the sandbox Odoo's {@code Distributor Tier A} prices, so a sync of the
 * embedded default finds nothing to change. Tests {@link #publish} their own feed and {@link #reset} it.
 */
@Component
@ConditionalOnSandbox("pricing")
public class SimulatedPricingEngine {

    /** One price agreement: a fixed unit price for a SKU on a price list, from a quantity, in a validity window. */
    public record Agreement(String pricelist, String currency, String customerRef, String sku, BigDecimal minQuantity,
                            BigDecimal price, LocalDate validFrom, LocalDate validTo) {
    }

    record Feed(List<Agreement> agreements) {
    }

    private static final List<Agreement> SEED = List.of(
            new Agreement("Distributor Tier A", "USD", null, "FURN_0269", new BigDecimal("1"), new BigDecimal("299.00"), null, null),
            new Agreement("Distributor Tier A", "USD", null, "E-COM07", new BigDecimal("1"), new BigDecimal("280.00"), null, null));

    private volatile List<Agreement> agreements = SEED;

    public void publish(List<Agreement> feed) {
        agreements = List.copyOf(feed);
    }

    public void reset() {
        agreements = SEED;
    }

    List<Agreement> agreements() {
        return agreements;
    }

    @RestController
    @ConditionalOnSandbox("pricing")
    static class Endpoint {

        private final SimulatedPricingEngine engine;
        /** Absent when only the pricing engine is simulated: then it never refuses. */
        private final ObjectProvider<SandboxFaults> faults;

        Endpoint(SimulatedPricingEngine engine, ObjectProvider<SandboxFaults> faults) {
            this.engine = engine;
            this.faults = faults;
        }

        /** The feed; 422 with a problem detail when a test made the engine refuse ({@code refuseNext("pricing", n)}). */
        @GetMapping("/sandbox/pricing/v1/agreements")
        ResponseEntity<?> agreements() {
            SandboxFaults planned = faults.getIfAvailable();
            var refusal = planned == null ? null : planned.refusal("pricing").orElse(null);
            if (refusal != null) {
                return refusal;
            }
            return ResponseEntity.ok(new Feed(engine.agreements()));
        }
    }
}
