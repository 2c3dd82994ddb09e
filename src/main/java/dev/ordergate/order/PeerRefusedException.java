package dev.ordergate.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A REST peer's refusal (the credit service, the tax service, the WMS, the syncs' master-data hub and pricing engine): HTTP 422 with the reason in an RFC 9457 problem
 * detail, as their contracts in {@code contracts/} say. The adapter of each peer decides which answers are refusals.
 */
public class PeerRefusedException extends RuntimeException implements PeerRefusal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 2000;

    private final String peer;

    public PeerRefusedException(String peer, String peerMessage, Throwable cause) {
        super(peerMessage, cause);
        this.peer = peer;
    }

    /** The peer's words from its answer: the problem's {@code detail}, else its {@code title}, else the body. */
    public static PeerRefusedException answered(String peer, int status, String body, Throwable cause) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode problem = text.startsWith("{") ? JSON.readTree(text) : null;
            if (problem != null && problem.hasNonNull("detail")) {
                text = problem.get("detail").asText();
            } else if (problem != null && problem.hasNonNull("title")) {
                text = problem.get("title").asText();
            }
        } catch (java.io.IOException notJson) {
            // Not a problem document: the body as it came is the peer's message.
        }
        if (text.isEmpty()) {
            text = "HTTP " + status + " without a reason";
        }
        return new PeerRefusedException(peer, Texts.clip(text, MAX_BODY),
                cause);
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public String peerMessage() {
        return getMessage();
    }
}
