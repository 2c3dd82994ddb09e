package dev.ordergate.ops;

import java.io.IOException;

/**
 * A call that was not sent because the peer's circuit is open or its bulkhead is full. An {@link IOException} on
 * purpose: Feign turns it into the same {@code RetryableException} as a refused connection, so every adapter maps
 * it as a technical failure (the job retries, then becomes an incident) and nothing falls back silently.
 */
class PeerUnavailableException extends IOException {

    PeerUnavailableException(String message) {
        super(message);
    }
}
