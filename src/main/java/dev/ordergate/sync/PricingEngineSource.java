package dev.ordergate.sync;

import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** The pricing engine over REST (contract: {@code contracts/pricing-engine.yaml}). */
class PricingEngineSource implements PriceSource {

    @FeignClient(name = "pricing-engine", url = "${ordergate.sync.pricing-engine.url}")
    interface PricingEngineApi {

        @GetMapping("/v1/agreements")
        Feed agreements();
    }

    record Feed(List<PriceAgreement> agreements) {
    }

    private final PricingEngineApi api;
    private final String url;

    PricingEngineSource(PricingEngineApi api, String url) {
        this.api = api;
        this.url = url;
    }

    @Override
    public String describe() {
        return "pricing-engine " + url;
    }

    @Override
    public List<PriceAgreement> fetch() {
        Feed feed = api.agreements();
        return feed == null || feed.agreements() == null ? List.of() : feed.agreements();
    }
}
