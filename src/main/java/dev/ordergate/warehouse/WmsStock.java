package dev.ordergate.warehouse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ordergate.inventory.StockCount;
import dev.ordergate.inventory.WarehouseStock;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;

/** The WMS's stock snapshot over REST ({@code GET /v1/stock}, contract {@code contracts/wms.yaml}). */
@Component
class WmsStock implements WarehouseStock {

    // The same peer as the releases (one circuit breaker and bulkhead, "wms"), in a Feign context of its own.
    @FeignClient(name = "wms", contextId = "wmsStock", url = "${ordergate.wms.url}")
    interface WmsStockApi {

        @GetMapping("/v1/stock")
        StockSnapshot snapshot();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StockSnapshot(OffsetDateTime asOf, List<Level> levels) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Level(String sku, String warehouse, BigDecimal onHand, BigDecimal reserved) {
    }

    private final WmsStockApi api;

    WmsStock(WmsStockApi api) {
        this.api = api;
    }

    @Override
    public Snapshot snapshot() {
        StockSnapshot answer = api.snapshot();
        if (answer == null || answer.asOf() == null || answer.levels() == null) {
            throw new IllegalStateException("The WMS's stock snapshot has no asOf or no levels");
        }
        return new Snapshot(answer.asOf(), answer.levels().stream()
                .map(l -> new StockCount(l.sku(), l.warehouse(), l.onHand(),
                        l.reserved() == null ? BigDecimal.ZERO : l.reserved()))
                .toList());
    }
}
