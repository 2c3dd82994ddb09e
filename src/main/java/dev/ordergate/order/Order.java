package dev.ordergate.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The canonical order as a channel sends it. Its transaction identifier is {@link #businessKey()}:
 * the process's business key, Odoo's {@code client_order_ref} and the key that makes intake idempotent.
 */
public record Order(
        // No colon: the business key joins channel and reference with one.
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String channel,
        @NotBlank @Size(max = 128) String channelOrderRef,
        @NotBlank @Size(max = 64) String customerRef,
        @NotNull @Valid Address shipTo,
        LocalDate requestedDate,
        @NotBlank @CurrencyCode String currency,
        @Size(max = 64) String paymentTerms,
        @NotEmpty @UniqueLineRefs List<@NotNull @Valid OrderLine> lines,
        boolean allowSubstitutes,
        boolean allowPartialShipment) {

    public String businessKey() {
        return businessKey(channel, channelOrderRef);
    }

    public static String businessKey(String channel, String channelOrderRef) {
        return channel + ":" + channelOrderRef;
    }

    /** The same order with other lines (a reviewer's correction, a substitution, what one release carries). */
    public Order withLines(List<OrderLine> newLines) {
        return new Order(channel, channelOrderRef, customerRef, shipTo, requestedDate, currency, paymentTerms, newLines,
                allowSubstitutes, allowPartialShipment);
    }

    /** The order's value at the prices the channel quoted, before tax. */
    public BigDecimal submittedTotal() {
        return lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
