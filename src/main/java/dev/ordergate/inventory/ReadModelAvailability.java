package dev.ordergate.inventory;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Availability as the WMS reports it ({@code ordergate.authority.availability: wms}): free quantity (on hand minus
 * reserved) summed over the warehouses, from the read model its events keep, without a call per order.
 */
@Component
@ConditionalOnProperty(name = "ordergate.authority.availability", havingValue = "wms")
class ReadModelAvailability implements Availability {

    private final StockLevels levels;

    ReadModelAvailability(StockLevels levels) {
        this.levels = levels;
    }

    @Override
    public Map<String, BigDecimal> freeQuantities(Collection<String> skus) {
        Map<String, BigDecimal> free = new LinkedHashMap<>();
        Map<String, BigDecimal> known = levels.freeBySku(skus);
        skus.forEach(sku -> free.put(sku, known.getOrDefault(sku, BigDecimal.ZERO)));
        return free;
    }
}
