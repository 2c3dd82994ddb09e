package dev.ordergate.order;

import java.math.BigDecimal;

public record OrderLine(String lineRef, String sku, BigDecimal quantity, String uom, BigDecimal unitPrice) {

    public BigDecimal amount() {
        return quantity.multiply(unitPrice);
    }
}
