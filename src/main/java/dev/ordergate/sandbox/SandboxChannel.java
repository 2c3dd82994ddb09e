package dev.ordergate.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A simulated order channel's webhook: checks the signature, keeps each event once (by event id) and lists what
 * arrived at {@code /sandbox/channel/events}, so the embedded default shows the status events a channel would get.
 */
@RestController
@ConditionalOnSandbox
class SandboxChannel {

    private final String secret;
    private final Map<String, String> received = new LinkedHashMap<>();

    SandboxChannel(@Value("${ordergate.sandbox.channel.secret:sandbox-webhook-secret}") String secret) {
        this.secret = secret;
    }

    @PostMapping(value = "/sandbox/channel/webhook", consumes = "application/json")
    synchronized ResponseEntity<Void> receive(@RequestHeader("X-Ordergate-Event-Id") String eventId,
                                              @RequestHeader("X-Ordergate-Signature") String signature,
                                              @RequestBody String body) {
        if (!("sha256=" + hmac(body)).equals(signature)) {
            return ResponseEntity.status(401).build();
        }
        received.putIfAbsent(eventId, body);
        return ResponseEntity.noContent().build();
    }

    /** The events as the JSON objects the channel received (a list of strings would hide them behind escapes). */
    @GetMapping(value = "/sandbox/channel/events", produces = "application/json")
    synchronized ResponseEntity<String> events() {
        return ResponseEntity.ok(received.values().stream()
                .collect(java.util.stream.Collectors.joining(",", "[", "]")));
    }

    private String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
