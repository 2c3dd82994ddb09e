/** Regional business units: each region's Odoo company, authorities, reviewers and roll-out mode, and which region an order belongs to. */
package dev.ordergate.region;
