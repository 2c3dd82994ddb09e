package dev.ordergate.pricing;

import dev.ordergate.order.PeerRefusedException;
import feign.FeignException;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/** The pricing engine over REST (contract: {@code contracts/pricing-engine.yaml}). */
class PricingEngineSource implements PriceSource {

    /** The peer's name in refusals (order.RefusalCodes). */
    static final String PEER = "pricing-engine";

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
        Feed feed;
        try {
            feed = api.agreements();
        } catch (FeignException.UnprocessableEntity refused) {
            // The engine's business refusals are its 422 answers (contracts/pricing-engine.yaml): a steward's to resolve.
            throw PeerRefusedException.answered(PEER, refused.status(), refused.contentUTF8(), refused);
        }
        return feed == null || feed.agreements() == null ? List.of() : feed.agreements();
    }
}
