package dev.ordergate.credit;

import java.math.BigDecimal;

public record CreditStanding(
        String customerRef, String currency, BigDecimal creditLimit, BigDecimal openExposure,
        BigDecimal overdueAmount, boolean blocked) {
}
