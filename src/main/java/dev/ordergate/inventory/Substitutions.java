package dev.ordergate.inventory;

import dev.ordergate.inventory.SubstitutionPolicy.Mode;
import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.masterdata.Substitutes;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Substitutes for short lines. For each line the stock cannot serve, the first substitute master data names that is
 * free to promise for the whole line, in the same unit, and what the substitution policy says about it. Each
 * proposal is kept with what became of it ({@code app.order_substitutions}): reporting sees the original, and a
 * substitute customer service refused for a line is not proposed again.
 */
@Service
public class Substitutions {

    /** One short line and the substitute that could ship in its place, at the line's agreed price. */
    public record Proposal(String lineRef, String originalSku, String originalName, String substituteSku,
                           String substituteName, BigDecimal quantity, String uom, BigDecimal unitPrice,
                           BigDecimal originalAvailable, BigDecimal substituteAvailable, Mode mode) {
    }

    /** A kept proposal: enough to change the order line. */
    public record Kept(String lineRef, String originalSku, String substituteSku, Mode mode) {
    }

    private final Substitutes substitutes;
    private final MasterData masterData;
    private final Availability availability;
    private final SubstitutionPolicy policy;
    private final JdbcClient jdbc;
    private final Clock clock;

    Substitutions(Substitutes substitutes, MasterData masterData, Availability availability, SubstitutionPolicy policy,
                  JdbcClient jdbc, Clock clock) {
        this.substitutes = substitutes;
        this.masterData = masterData;
        this.availability = availability;
        this.policy = policy;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A proposal for every short line that has a substitute in stock, with the policy's answer (not-allowed too). */
    public List<Proposal> propose(String orderId, Order order) {
        List<OrderLine> open = order.lines().stream().filter(l -> !l.substituted()).toList();
        Map<String, List<String>> alternatives = substitutes.of(open.stream().map(OrderLine::sku).toList());
        if (alternatives.isEmpty()) {
            return List.of();
        }
        Set<String> skus = new LinkedHashSet<>();
        order.lines().forEach(l -> skus.add(l.sku()));
        alternatives.values().forEach(skus::addAll);
        Map<String, Product> products = masterData.findProducts(skus);
        Map<String, BigDecimal> free = availability.freeQuantities(
                skus.stream().filter(sku -> products.containsKey(sku) && products.get(sku).storable()).toList());
        // What is left of each product once this order's own lines have taken theirs.
        Map<String, BigDecimal> left = new HashMap<>(free);
        order.lines().forEach(l -> left.merge(l.sku(), l.quantity().negate(), BigDecimal::add));
        Set<String> refused = refusedPairs(orderId);
        String segment = masterData.findCustomer(order.customerRef()).map(Customer::segment).orElse(null);

        List<Proposal> proposals = new ArrayList<>();
        for (OrderLine line : open) {
            Product ordered = products.get(line.sku());
            if (ordered == null || !ordered.storable() || left.getOrDefault(line.sku(), BigDecimal.ZERO).signum() >= 0) {
                continue;
            }
            for (String sku : alternatives.getOrDefault(line.sku(), List.of())) {
                Product substitute = products.get(sku);
                BigDecimal available = left.getOrDefault(sku, BigDecimal.ZERO);
                if (substitute == null || !substitute.storable() || !substitute.uom().equalsIgnoreCase(line.uom())
                        || refused.contains(line.lineRef() + "|" + sku) || available.compareTo(line.quantity()) < 0) {
                    continue;
                }
                Mode mode = policy.decide(new SubstitutionPolicy.Case(order.allowSubstitutes(), order.channel(),
                        order.customerRef(), segment, ordered.category()));
                proposals.add(new Proposal(line.lineRef(), line.sku(), ordered.name(), sku, substitute.name(),
                        line.quantity(), line.uom(), line.unitPrice(), free.getOrDefault(line.sku(), BigDecimal.ZERO),
                        available, mode));
                if (mode != Mode.NOT_ALLOWED) {
                    left.put(sku, available.subtract(line.quantity()));
                }
                break;
            }
        }
        return proposals;
    }

    /** Keeps the allowed proposals as the order's open ones, replacing any left open by an earlier check. */
    public void keep(String orderId, List<Proposal> proposals) {
        jdbc.sql("DELETE FROM app.order_substitutions WHERE order_id = :order AND state = 'proposed'")
                .param("order", orderId).update();
        OffsetDateTime now = OffsetDateTime.now(clock);
        proposals.stream().filter(p -> p.mode() != Mode.NOT_ALLOWED).forEach(p -> jdbc.sql("""
                        INSERT INTO app.order_substitutions (order_id, line_ref, original_sku, substitute_sku, quantity,
                                                             policy, state, proposed_at)
                        VALUES (:order, :line, :original, :substitute, :quantity, :policy, 'proposed', :now)
                        """)
                .param("order", orderId).param("line", p.lineRef()).param("original", p.originalSku())
                .param("substitute", p.substituteSku()).param("quantity", p.quantity()).param("policy", p.mode().value())
                .param("now", now).update());
    }

    /** The order's open proposals. */
    public List<Kept> open(String orderId) {
        return jdbc.sql("""
                        SELECT line_ref, original_sku, substitute_sku, policy FROM app.order_substitutions
                         WHERE order_id = :order AND state = 'proposed' ORDER BY line_ref
                        """)
                .param("order", orderId)
                .query((rs, n) -> new Kept(rs.getString("line_ref"), rs.getString("original_sku"),
                        rs.getString("substitute_sku"), Mode.of(rs.getString("policy"))))
                .list();
    }

    /** The open proposals were carried out. */
    public void applied(String orderId) {
        settle(orderId, "applied");
    }

    /** Customer service refused the open proposals: they are not proposed again for this order. */
    public void refuse(String orderId) {
        settle(orderId, "refused");
    }

    private void settle(String orderId, String state) {
        jdbc.sql("""
                UPDATE app.order_substitutions SET state = :state, settled_at = :now
                 WHERE order_id = :order AND state = 'proposed'
                """).param("state", state).param("now", OffsetDateTime.now(clock)).param("order", orderId).update();
    }

    private Set<String> refusedPairs(String orderId) {
        return new HashSet<>(jdbc.sql("""
                        SELECT line_ref, substitute_sku FROM app.order_substitutions
                         WHERE order_id = :order AND state = 'refused'
                        """)
                .param("order", orderId)
                .query((rs, n) -> rs.getString("line_ref") + "|" + rs.getString("substitute_sku")).list());
    }
}
