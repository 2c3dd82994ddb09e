package dev.ordergate.order;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * An order line. {@code substitutedFor} is the SKU the channel ordered when Ordergate ships a substitute in its place
 * ({@code sku} is then the substitute); the channel never sends it.
 */
public record OrderLine(
        @NotBlank @Size(max = 32) String lineRef,
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Positive @Digits(integer = 9, fraction = 4) BigDecimal quantity,
        @NotBlank @Size(max = 32) String uom,
        @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal unitPrice,
        @Null(message = "is set by Ordergate when it ships a substitute, never by the channel") String substitutedFor) {

    public OrderLine(String lineRef, String sku, BigDecimal quantity, String uom, BigDecimal unitPrice) {
        this(lineRef, sku, quantity, uom, unitPrice, null);
    }

    public BigDecimal amount() {
        return quantity.multiply(unitPrice);
    }

    public boolean substituted() {
        return substitutedFor != null;
    }

    /** This line shipped as another product: same quantity, unit and agreed price, the ordered SKU kept. */
    public OrderLine substitutedBy(String substituteSku) {
        return new OrderLine(lineRef, substituteSku, quantity, uom, unitPrice, sku);
    }
}
