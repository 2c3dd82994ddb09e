/** Mail to reviewers, supervisors and customer service, through an outbox so nothing is sent for what did not happen. */
package dev.ordergate.notify;
