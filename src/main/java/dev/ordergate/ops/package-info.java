/** Operations: business and technical metrics, resilience towards the peers, incidents and their replay, an order's story. */
package dev.ordergate.ops;
