package dev.ordergate.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Odoo's JSON-RPC endpoint; {@link OdooClient} is the only caller. */
@FeignClient(name = "odoo", url = "${ordergate.odoo.url}", configuration = OdooFeignConfiguration.class)
public interface OdooRpc {

    @PostMapping(path = "/jsonrpc", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode call(@RequestBody Request request);

    /** The envelope as Odoo's transcripts show it: {@code {"jsonrpc":"2.0","method":"call","params":{...},"id":N}}. */
    public record Request(String jsonrpc, String method, Params params, long id) {

        static Request call(long id, String service, String method, List<?> args) {
            return new Request("2.0", "call", new Params(service, method, args), id);
        }
    }

    public record Params(String service, String method, List<?> args) {
    }
}
