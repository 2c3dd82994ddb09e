package dev.ordergate.returns;

import dev.ordergate.fulfillment.Shipments;
import dev.ordergate.masterdata.Customer;
import dev.ordergate.masterdata.MasterData;
import dev.ordergate.masterdata.Product;
import dev.ordergate.masterdata.ResolvedOrder;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.rules.DecisionTables;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Asks the analysts' table (bpmn/return-eligibility.dmn) about each returned line and answers for the whole
 * return with the strictest line: refuse before customer-service before auto. The reason names each line that
 * made it so.
 */
@Service
class ReturnEligibility {

    static final String AUTO = "auto";
    static final String CUSTOMER_SERVICE = "customer-service";
    static final String REFUSE = "refuse";
    private static final List<String> STRICTNESS = List.of(AUTO, CUSTOMER_SERVICE, REFUSE);

    private final DecisionTables tables;
    private final MasterData masterData;
    private final Shipments shipments;
    private final Clock clock;

    ReturnEligibility(DecisionTables tables, MasterData masterData, Shipments shipments, Clock clock) {
        this.tables = tables;
        this.masterData = masterData;
        this.shipments = shipments;
        this.clock = clock;
    }

    record Verdict(String approval, String reason) {
    }

    Verdict assess(ReturnRecord ret, Order order) {
        int days = shipments.lastShippedAt(order.businessKey())
                .map(at -> (int) Math.max(0, Duration.between(at, OffsetDateTime.now(clock)).toDays())).orElse(0);
        // The returned goods are the order's: its resolution has them.
        return assess(days, ret.lines(), order, masterData.resolved(order), tables::returnEligibility);
    }

    /** return-eligibility.dmn as the policy asks it: days since delivery, category, line amount, segment. */
    interface Rule {
        DecisionTables.ReturnVerdict decide(int days, String category, BigDecimal lineAmount, String segment);
    }

    /** The strictest line's approval decides the return; the reasons are those of the lines that decided it. */
    static Verdict assess(int days, List<ReturnRecord.Line> lines, Order order, ResolvedOrder resolved, Rule rule) {
        Map<String, Product> products = resolved.products();
        String segment = resolved.customer().map(Customer::segment).orElse(null);
        String approval = AUTO;
        List<String> reasons = new ArrayList<>();
        for (ReturnRecord.Line line : lines) {
            Product product = products.get(line.sku());
            BigDecimal unitPrice = order.lines().stream().filter(l -> l.sku().equals(line.sku()))
                    .map(OrderLine::unitPrice).findFirst().orElse(BigDecimal.ZERO);
            var verdict = rule.decide(days, product == null ? null : product.category(),
                    line.quantity().multiply(unitPrice), segment);
            if (STRICTNESS.indexOf(verdict.approval()) > STRICTNESS.indexOf(approval)) {
                approval = verdict.approval();
                reasons.clear();
            }
            if (verdict.approval().equals(approval)) {
                reasons.add("%s x %s: %s".formatted(OrderReturns.plain(line.quantity()).toPlainString(), line.sku(),
                        verdict.reason()));
            }
        }
        return new Verdict(approval, "Delivered %d day(s) ago. %s".formatted(days, String.join("; ", reasons)));
    }
}
