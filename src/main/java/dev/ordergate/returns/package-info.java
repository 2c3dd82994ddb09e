/**
 * Returns of shipped goods: the channels' return requests, checked against what was shipped and already returned,
 * the order-return process's steps (eligibility, approval, the ERP's return receipt, the warehouse's receipt,
 * inspection, the partial credit note) and the returns store.
 */
package dev.ordergate.returns;
