package dev.ordergate.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Odoo's JSON-2 API (19 and later): one POST per method, the named parameters as the body, the bare result as
 * the answer and real HTTP statuses for errors (decoded by {@link OdooFeignConfiguration}). {@link OdooClient}
 * is the only caller.
 */
@FeignClient(name = "odoo-json2", url = "${ordergate.odoo.url}", configuration = OdooFeignConfiguration.class)
public interface OdooJson2 {

    @PostMapping(path = "/json/2/{model}/{method}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode call(@PathVariable("model") String model, @PathVariable("method") String method,
                  @RequestHeader("Authorization") String authorization,
                  @RequestHeader("X-Odoo-Database") String database,
                  @RequestBody Map<String, Object> parameters);

    /** Unauthenticated, 19 and later (19.0 transcript 01); older servers answer 404. */
    @GetMapping(path = "/json/version", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode version();
}
