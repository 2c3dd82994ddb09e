package dev.ordergate.order;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

public record OrderLine(
        @NotBlank @Size(max = 32) String lineRef,
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Positive @Digits(integer = 9, fraction = 4) BigDecimal quantity,
        @NotBlank @Size(max = 32) String uom,
        @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal unitPrice) {

    public BigDecimal amount() {
        return quantity.multiply(unitPrice);
    }
}
