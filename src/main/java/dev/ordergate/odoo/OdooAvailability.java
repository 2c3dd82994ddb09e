package dev.ordergate.odoo;

import static dev.ordergate.odoo.OdooValues.decimal;
import static dev.ordergate.odoo.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.inventory.Availability;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    OdooAvailability(OdooClient odoo) {
        this.odoo = odoo;
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
