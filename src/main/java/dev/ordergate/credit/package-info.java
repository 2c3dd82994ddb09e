/** Credit: the customer's standing from the credit authority and the gate that holds orders it cannot cover. */
package dev.ordergate.credit;
