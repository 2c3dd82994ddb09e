/** The order-fulfillment process: its delegates, the shipment inbox, and the gates as the BPMN calls them. */
package dev.ordergate.fulfillment;
