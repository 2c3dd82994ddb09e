/** EDI trading partners: X12 and EDIFACT purchase orders in through the order intake, acknowledgements and documents out. */
package dev.ordergate.edi;
