package dev.ordergate.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The canonical order as a channel sends it. Its transaction identifier is {@link #businessKey()}:
 * the process's business key, Odoo's {@code client_order_ref} and the key that makes intake idempotent.
 */
public record Order(
        String channel,
        String channelOrderRef,
        String customerRef,
        Address shipTo,
        LocalDate requestedDate,
        String currency,
        String paymentTerms,
        List<OrderLine> lines,
        boolean allowSubstitutes,
        boolean allowPartialShipment) {

    public String businessKey() {
        return businessKey(channel, channelOrderRef);
    }

    public static String businessKey(String channel, String channelOrderRef) {
        return channel + ":" + channelOrderRef;
    }

    /** The order's value at the prices the channel quoted, before tax. */
    public BigDecimal submittedTotal() {
        return lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
