/** Customers and products as the system of record knows them, and the gate that checks an order against them. */
package dev.ordergate.masterdata;
