/** Stock: what can be promised (the availability port) and the gate that finds shortfalls. */
package dev.ordergate.inventory;
