package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.inventory.BookedStock;
import dev.ordergate.inventory.StockCount;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Odoo's stock per warehouse (its {@code code}) and product (its {@code default_code}): {@code qty_available} and
 * {@code free_qty} of the storable products, read with the context {@code warehouse_id} as the web client does
 * (transcripts 18.0/23 and 27). One call for the warehouses, then a page of {@code batch-size} products per call
 * and warehouse: a few calls for thousands of products.
 */
@Component
class OdooStock implements BookedStock {

    private final OdooClient odoo;

    OdooStock(OdooClient odoo) {
        this.odoo = odoo;
    }

    @Override
    public List<StockCount> counts() {
        List<StockCount> counts = new ArrayList<>();
        for (JsonNode warehouse : odoo.searchRead("stock.warehouse", List.of(), List.of("code"))) {
            String code = text(warehouse.path("code"));
            for (JsonNode product : products(warehouse.get("id").intValue())) {
                if (!odoo.dialect().isStorable(product)) {
                    continue;
                }
                BigDecimal onHand = decimal(product.path("qty_available"), "qty_available");
                BigDecimal free = decimal(product.path("free_qty"), "free_qty");
                counts.add(new StockCount(text(product.path("default_code")), code, onHand,
                        onHand.subtract(free).max(BigDecimal.ZERO)));
            }
        }
        return counts;
    }

    private List<JsonNode> products(int warehouseId) {
        List<String> fields = new ArrayList<>(List.of("default_code", "qty_available", "free_qty"));
        fields.addAll(odoo.dialect().productTypeFields());
        int size = odoo.batchSize();
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += size) {
            Map<String, Object> kwargs = new LinkedHashMap<>();
            kwargs.put("fields", fields);
            kwargs.put("limit", size);
            kwargs.put("offset", offset);
            kwargs.put("order", "id");
            kwargs.put("context", Map.of("warehouse_id", warehouseId));
            JsonNode page = odoo.executeKw("product.product", "search_read",
                    List.of(List.of(List.of("default_code", "!=", false))), kwargs);
            page.forEach(all::add);
            if (page.size() < size) {
                return all;
            }
        }
    }
}
