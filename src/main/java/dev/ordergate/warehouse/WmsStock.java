package dev.ordergate.warehouse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ordergate.inventory.StockCount;
import dev.ordergate.inventory.WarehouseStock;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.region.Regions;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The WMS's stock snapshot over REST ({@code GET /v1/stock}, contract {@code contracts/wms.yaml}): the run's region's
 * own WMS ({@code ordergate.regions.<id>.wms-url}), else the shared one ({@code ordergate.wms.url}).
 */
@Component
class WmsStock implements WarehouseStock {

    // The same peer as the releases (one circuit breaker and bulkhead, "wms"), in a Feign context of its own.
    @FeignClient(name = "wms", contextId = "wmsStock", url = "${ordergate.wms.url}")
    interface WmsStockApi {

        /** {@code wms}: the base URL of the WMS to read (Feign's target for this call). */
        @GetMapping("/v1/stock")
        StockSnapshot snapshot(URI wms);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StockSnapshot(OffsetDateTime asOf, List<Level> levels) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Level(String sku, String warehouse, BigDecimal onHand, BigDecimal reserved) {
    }

    private final WmsStockApi api;
    private final Regions regions;
    private final URI shared;

    WmsStock(WmsStockApi api, Regions regions, @Value("${ordergate.wms.url}") URI shared) {
        this.api = api;
        this.regions = regions;
        this.shared = shared;
    }

    @Override
    public Snapshot snapshot() {
        StockSnapshot answer = api.snapshot(regions.wmsOf(CurrentRegion.id()).orElse(shared));
        if (answer == null || answer.asOf() == null || answer.levels() == null) {
            throw new IllegalStateException("The WMS's stock snapshot has no asOf or no levels");
        }
        return new Snapshot(answer.asOf(), answer.levels().stream()
                .map(l -> new StockCount(l.sku(), l.warehouse(), l.onHand(),
                        l.reserved() == null ? BigDecimal.ZERO : l.reserved()))
                .toList());
    }
}
