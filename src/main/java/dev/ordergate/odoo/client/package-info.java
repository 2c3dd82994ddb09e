/** The Odoo client: JSON-2 and JSON-RPC transport, authentication, the versions' dialects, the call lanes and throttle, the company context, and one error taxonomy. The adapters in {@code odoo} speak Odoo's models through it. */
package dev.ordergate.odoo.client;
