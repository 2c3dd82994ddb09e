/** The ERP's sales orders: committing an order exactly once and recording what was delivered. */
package dev.ordergate.sales;
