package dev.ordergate.pricing;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How far a submitted unit price may be from the authority's before a pricing steward looks at it.
 * A line passes when it is within either tolerance.
 */
@ConfigurationProperties("ordergate.pricing")
public record PricingProperties(BigDecimal tolerancePercent, BigDecimal toleranceAbsolute) {
}
