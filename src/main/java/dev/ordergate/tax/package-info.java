/** Tax: the tax authority's assessment of an order and the gate that stops orders it cannot place. */
package dev.ordergate.tax;
