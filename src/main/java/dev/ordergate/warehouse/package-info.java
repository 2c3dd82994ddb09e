/** The warehouse that picks and ships: releasing orders to it. */
package dev.ordergate.warehouse;
