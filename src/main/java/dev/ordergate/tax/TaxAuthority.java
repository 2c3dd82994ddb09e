package dev.ordergate.tax;

import dev.ordergate.order.Order;

/** Whoever determines tax for an order (a tax service or Odoo). */
public interface TaxAuthority {

    TaxAssessment assess(Order order);
}
