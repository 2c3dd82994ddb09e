package dev.ordergate.fulfillment;

import dev.ordergate.credit.CreditGate;
import dev.ordergate.inventory.AvailabilityGate;
import dev.ordergate.masterdata.MasterDataGate;
import dev.ordergate.order.Orders;
import dev.ordergate.pricing.PriceGate;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.rules.DecisionTables;
import dev.ordergate.tax.TaxGate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The five gates as the BPMN names them ({@code ${checkMasterData}} ...); who reviews each is in reviewer-routing.dmn. */
@Configuration
class GateDelegates {

    private final ApplicationEventPublisher events;

    GateDelegates(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Bean
    GateDelegate checkMasterData(Orders orders, ReviewDecisions decisions, DecisionTables tables, MasterDataGate gate) {
        return new GateDelegate(orders, decisions, tables, "master-data", gate::check, events);
    }

    @Bean
    GateDelegate checkPrices(Orders orders, ReviewDecisions decisions, DecisionTables tables, PriceGate gate) {
        return new GateDelegate(orders, decisions, tables, "pricing", gate::check, events);
    }

    @Bean
    GateDelegate checkCredit(Orders orders, ReviewDecisions decisions, DecisionTables tables, CreditGate gate) {
        return new GateDelegate(orders, decisions, tables, "credit", gate::check, events);
    }

    @Bean
    GateDelegate determineTax(Orders orders, ReviewDecisions decisions, DecisionTables tables, TaxGate gate) {
        return new GateDelegate(orders, decisions, tables, "tax", gate::check, events);
    }

    @Bean
    GateDelegate checkAvailability(Orders orders, ReviewDecisions decisions, DecisionTables tables, AvailabilityGate gate) {
        return new GateDelegate(orders, decisions, tables, "availability", gate::check, events);
    }
}
