package dev.ordergate.fulfillment;

import dev.ordergate.invoicing.Payments;
import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.Orders;
import dev.ordergate.region.CurrentRegion;
import dev.ordergate.web.ChannelAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order's invoices as Ordergate recorded them and their payment state as the ERP knows it now (read live: a
 * payment is registered in the ERP, not here).
 */
@RestController
class InvoiceController {

    private final Orders orders;
    private final Payments payments;
    private final ChannelAccess access;

    InvoiceController(Orders orders, Payments payments, ChannelAccess access) {
        this.orders = orders;
        this.payments = payments;
        this.access = access;
    }

    @GetMapping("/api/v1/orders/{id}/invoices")
    Map<String, Object> invoices(@PathVariable String id) {
        var order = orders.find(id).filter(o -> access.permits(o.order().channel()))
                .orElseThrow(() -> new OrderNotFoundException(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("invoices", orders.invoiceRefs(id));
        // The ERP is asked in the order's region (its Odoo company sees the invoice, another company would not).
        body.put("paymentState", orders.invoiceRefs(id).isEmpty() ? "NOT_INVOICED"
                : CurrentRegion.supply(order.region(), () -> payments.paymentState(order.businessKey())).name());
        return body;
    }
}
