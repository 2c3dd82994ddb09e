package dev.ordergate.odoo;

/**
 * Whose call it is, for Odoo's call budget: an order's step (or a person waiting on an answer), or bulk work that can
 * wait (price-list, master-data and inventory syncs, reports). Bulk calls never take the slots kept for orders and
 * wait while an order call waits, so a 50,000-item price list cannot starve the orders that arrive meanwhile.
 * Here, in the adapters' package, because ops names it (it tells the client whose job runs); the client uses it too.
 */
public enum OdooLane {
    ORDERS,
    BULK
}
