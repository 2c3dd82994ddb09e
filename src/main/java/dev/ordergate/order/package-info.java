/** The canonical order as channels send it, its statuses and ids, and our own order store: the shared kernel below every capability. */
package dev.ordergate.order;
