/** Stock: what can be promised (the availability port and its WMS read model, kept by stock events) and the gate that finds shortfalls. */
package dev.ordergate.inventory;
