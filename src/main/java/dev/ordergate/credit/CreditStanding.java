package dev.ordergate.credit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

@JsonIgnoreProperties(ignoreUnknown = true)
public record CreditStanding(
        String customerRef, String currency, BigDecimal creditLimit, BigDecimal openExposure,
        BigDecimal overdueAmount, boolean blocked) {
}
