package dev.ordergate.odoo;

/**
 * Tells the Odoo client which lane the call being made belongs to. Implemented where the work is known (the
 * engine's job being run); without an implementation every call is an order's.
 */
public interface OdooCallLanes {

    OdooLane current();

    OdooCallLanes ORDERS_ONLY = () -> OdooLane.ORDERS;
}
