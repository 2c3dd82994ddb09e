package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.inventory.Availability;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.sync.SyncSchedules;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Free quantity ({@code free_qty}: on hand minus reserved) in our Odoo user's default warehouse; the availability
 * authority unless {@code ordergate.authority.availability} says {@code wms}.
 */
@Component
@ConditionalOnProperty(name = "ordergate.authority.availability", havingValue = "odoo", matchIfMissing = true)
class OdooAvailability implements Availability {

    private final OdooClient odoo;
    private final OdooRecords records;
    private final Duration freshness;

    OdooAvailability(OdooClient odoo, OdooRecords records, ObjectProvider<SyncSchedules> schedules) {
        this.odoo = odoo;
        this.records = records;
        // Stock is the availability domain: a free quantity read for the order counts as current for as long as
        // the availability timing promises its facts to be (near-realtime: its interval).
        SyncSchedules timing = schedules.getIfAvailable();
        this.freshness = timing == null ? Duration.ZERO : timing.freshness("availability");
    }

    /**
     * The free quantities the master-data gate read with the order's products (no call), for the order's first
     * check and while fresh; otherwise Odoo's {@code free_qty} in one read.
     */
    @Override
    public Map<String, BigDecimal> freeQuantities(String businessKey, Collection<String> skus) {
        return records.takeFreeAsResolved(businessKey, skus, freshness).orElseGet(() -> freeQuantities(skus));
    }

    @Override
    public Map<String, BigDecimal> freeQuantities(Collection<String> skus) {
        Map<String, BigDecimal> free = new LinkedHashMap<>();
        skus.forEach(sku -> free.put(sku, BigDecimal.ZERO));
        if (skus.isEmpty()) {
            return free;
        }
        for (JsonNode p : odoo.searchReadIn("product.product", "default_code", new LinkedHashSet<>(skus),
                List.of("default_code", "free_qty"))) {
            free.merge(text(p.path("default_code")), decimal(p.path("free_qty"), "free_qty"), BigDecimal::add);
        }
        return free;
    }
}
