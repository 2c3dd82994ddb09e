/** The ERP's sales orders: committing an order exactly once, recording what was delivered, cancelling, returns. */
package dev.ordergate.sales;
