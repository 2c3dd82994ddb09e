/** HTTP plumbing every API shares: problem responses, request body limits, strict JSON reading and which channels a caller may act for. */
package dev.ordergate.web;
