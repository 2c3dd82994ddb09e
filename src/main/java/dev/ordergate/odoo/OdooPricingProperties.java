package dev.ordergate.odoo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Odoo's prices are asked when Odoo is the pricing authority (docs/odoo-economy.md). With {@code localRules} on,
 * a pricelist's product-variant rules are read once ({@code product.pricelist.item}, one call per pricelist) and
 * kept on the node while younger than {@code rulesFreshness}; an order whose every line has a fixed-price rule for its
 * product that applies (date, quantity break) is priced from them without asking Odoo, exactly as Odoo's pricelist
 * engine would pick the rule. Any other order (a formula or percentage rule on a product, no variant rule, a partner
 * without a pricelist) asks Odoo's onchange as before. Off: every order asks Odoo.
 *
 * @param localRules     whether fixed-price variant rules kept on the node may price an order
 * @param rulesFreshness how old the kept rules may be; unset: the price-list timing's freshness
 *                       ({@code ordergate.sync.timing.prices}, a day for a nightly batch)
 */
@ConfigurationProperties("ordergate.odoo.pricing")
public record OdooPricingProperties(@DefaultValue("true") boolean localRules, Duration rulesFreshness) {
}
