/** The published contract of Ordergate's own API: the OpenAPI document springdoc serves, its problem types and examples. */
package dev.ordergate.apidocs;
