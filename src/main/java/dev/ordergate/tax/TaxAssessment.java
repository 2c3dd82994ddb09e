package dev.ordergate.tax;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * The tax an authority determined. {@code jurisdiction} is null when the ship-to could not be
 * resolved to one, with the authority's reason in {@code problem}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaxAssessment(String jurisdiction, BigDecimal totalTax, List<LineTax> lines, String problem) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LineTax(String lineRef, String taxCode, BigDecimal rate, BigDecimal taxAmount) {
    }
}
