package dev.ordergate.odoo;

import feign.Logger;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings for the Odoo client only. Deliberately not a {@code @Configuration}: component scanning
 * would otherwise make these beans the defaults of every Feign client in the application.
 */
class OdooFeignConfiguration {

    @Bean
    Request.Options odooRequestOptions(OdooProperties properties) {
        // A redirect means a wrong URL (Odoo sends /web/login); following it would turn our POST into a GET.
        return new Request.Options(properties.connectTimeout(), properties.readTimeout(), false);
    }

    @Bean
    ErrorDecoder odooErrorDecoder() {
        return OdooFeignConfiguration::decodeHttpError;
    }

    /** Bodies carry the API key and prices, so Feign never logs them; {@link OdooClient} logs calls without arguments. */
    @Bean
    Logger.Level odooFeignLoggerLevel() {
        return Logger.Level.NONE;
    }

    static OdooException decodeHttpError(String methodKey, Response response) {
        int status = response.status();
        String body = excerpt(response);
        if (status >= 500 || status == 429 || status == 408) {
            return new OdooTransportException("Odoo answered HTTP " + status + ": " + body, null);
        }
        // Odoo answers 400 "Invalid JSON data" to a body it cannot parse: our request is malformed.
        return new OdooProtocolException("Odoo answered HTTP " + status + ": " + body, null);
    }

    private static String excerpt(Response response) {
        if (response.body() == null) {
            return "(no body)";
        }
        try (InputStream in = response.body().asInputStream()) {
            String text = new String(in.readNBytes(300), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(empty body)" : text;
        } catch (IOException e) {
            return "(unreadable body)";
        }
    }
}
