/** Synchronisation runs between the systems of record and Odoo: price lists and agreements, master data by field ownership, WMS availability; each run a process instance with a stored report. */
package dev.ordergate.sync;
