/** Exception review: the reviewer's task, the decisions a reviewer may take, and their audit. */
package dev.ordergate.review;
