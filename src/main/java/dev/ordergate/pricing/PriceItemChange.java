package dev.ordergate.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One planned write: create or update an item to these terms, or expire it (end it on {@code validTo}). */
public record PriceItemChange(Action action, PriceItem.Key key, BigDecimal price, LocalDate validTo) {

    public enum Action { CREATE, UPDATE, EXPIRE }
}
