/** Orders as channels send them: the canonical model, the intake API, idempotency and our own order store. */
package dev.ordergate.order;
