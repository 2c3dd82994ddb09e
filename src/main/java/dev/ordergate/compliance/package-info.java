/**
 * Compliance: what may be sold where. Its gate, restricted products, is the worked example of a gate added as a
 * decision row and a policy bean (README "For analysts").
 */
package dev.ordergate.compliance;
