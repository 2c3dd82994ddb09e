package dev.ordergate.fulfillment;

import dev.ordergate.credit.CreditGate;
import dev.ordergate.inventory.AvailabilityGate;
import dev.ordergate.masterdata.MasterDataGate;
import dev.ordergate.order.Orders;
import dev.ordergate.pricing.PriceGate;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.tax.TaxGate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The five gates as the BPMN names them ({@code ${checkMasterData}} ...), each with the group that reviews it. */
@Configuration
class GateDelegates {

    private final ApplicationEventPublisher events;

    GateDelegates(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Bean
    GateDelegate checkMasterData(Orders orders, ReviewDecisions decisions, MasterDataGate gate) {
        return new GateDelegate(orders, decisions, "master-data", "master-data-stewards", gate::check, events);
    }

    @Bean
    GateDelegate checkPrices(Orders orders, ReviewDecisions decisions, PriceGate gate) {
        return new GateDelegate(orders, decisions, "pricing", "pricing-stewards", gate::check, events);
    }

    @Bean
    GateDelegate checkCredit(Orders orders, ReviewDecisions decisions, CreditGate gate) {
        return new GateDelegate(orders, decisions, "credit", "credit-controllers", gate::check, events);
    }

    @Bean
    GateDelegate determineTax(Orders orders, ReviewDecisions decisions, TaxGate gate) {
        return new GateDelegate(orders, decisions, "tax", "customer-service", gate::check, events);
    }

    @Bean
    GateDelegate checkAvailability(Orders orders, ReviewDecisions decisions, AvailabilityGate gate) {
        return new GateDelegate(orders, decisions, "availability", "customer-service", gate::check, events);
    }
}
