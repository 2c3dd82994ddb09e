package dev.ordergate.credit;

import dev.ordergate.order.PeerRefusedException;
import feign.FeignException;
import java.util.Optional;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Finance's credit service over REST (contract: {@code contracts/credit-service.yaml}). */
@Component
class CreditServiceAdapter implements CreditAuthority {

    @FeignClient(name = "credit", url = "${ordergate.credit.url}")
    interface CreditServiceApi {

        @GetMapping("/v1/customers/{customerRef}/standing")
        CreditStanding standing(@PathVariable("customerRef") String customerRef);
    }

    private final CreditServiceApi api;

    CreditServiceAdapter(CreditServiceApi api) {
        this.api = api;
    }

    @Override
    public Optional<CreditStanding> standing(String customerRef) {
        try {
            return Optional.of(api.standing(customerRef));
        } catch (FeignException.NotFound unknown) {
            return Optional.empty();
        } catch (FeignException.UnprocessableEntity refused) {
            throw PeerRefusedException.answered("credit", refused.status(), refused.contentUTF8(), refused);
        }
    }
}
