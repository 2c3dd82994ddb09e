package dev.ordergate.pricing;

import dev.ordergate.region.Regions;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.sync.SyncProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pricing authority is configuration: {@code ordergate.sync.price-lists.source}. */
@Configuration
class PriceSources {

    @Bean
    PriceSource priceSource(SyncProperties properties, PricingEngineSource.PricingEngineApi engine, ObjectMapper json,
                            Regions regions) {
        return switch (properties.priceLists().source()) {
            case "file-drop" -> new FileDropPriceSource(properties.priceLists().dropFolder(), json);
            case "pricing-engine" -> new PricingEngineSource(engine, properties.pricingEngine().url(), regions);
            default -> throw new IllegalStateException("ordergate.sync.price-lists.source must be pricing-engine or file-drop, not '"
                    + properties.priceLists().source() + "'");
        };
    }
}
