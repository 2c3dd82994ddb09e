package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Something Odoo (or the way to it) did not do. The process layer needs only two answers from it:
 * {@link #isBusiness()} (a person has to act on Odoo's message) and {@link #isRetryable()} (trying the
 * same call later may succeed); everything else is a defect or a misconfiguration that becomes an incident.
 */
public abstract sealed class OdooException extends RuntimeException
        permits OdooAccessException, OdooMissingRecordException, OdooBusinessException, OdooServerException,
        OdooRequestException, OdooProtocolException, OdooTransportException {

    /** Database errors that go away when the same call is made again (Odoo itself retries these a few times first). */
    private static final Set<String> TRANSIENT_DATABASE_ERRORS = Set.of(
            "psycopg2.OperationalError",
            "psycopg2.errors.SerializationFailure",
            "psycopg2.errors.DeadlockDetected",
            "psycopg2.errors.LockNotAvailable",
            "psycopg2.extensions.TransactionRollbackError");

    private final String odooError;

    OdooException(String message, String odooError, Throwable cause) {
        super(message, cause);
        this.odooError = odooError;
    }

    public abstract boolean isRetryable();

    public boolean isBusiness() {
        return false;
    }

    /** Odoo's Python exception class, e.g. {@code odoo.exceptions.UserError}; null when Odoo did not answer with one. */
    public String odooError() {
        return odooError;
    }

    /** Maps the {@code error} member of a JSON-RPC answer (sent with HTTP 200) by {@code error.data.name}. */
    static OdooException fromRpcError(String call, JsonNode error) {
        JsonNode data = error.path("data");
        String name = data.path("name").asText("");
        String odooMessage = data.path("message").asText(error.path("message").asText("Odoo Server Error"));
        String message = call + ": " + odooMessage;
        return switch (name) {
            case "odoo.exceptions.AccessDenied", "odoo.exceptions.AccessError" ->
                    new OdooAccessException(message, name);
            case "odoo.exceptions.MissingError" -> new OdooMissingRecordException(message, name);
            case "odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.RedirectWarning" ->
                    new OdooBusinessException(odooMessage, name);
            default -> {
                if (TRANSIENT_DATABASE_ERRORS.contains(name)) {
                    yield new OdooServerException(message, name, true);
                }
                if (name.startsWith("builtins.")) {
                    // ValueError, TypeError, AttributeError, KeyError: Odoo could not make sense of what we sent.
                    yield new OdooRequestException(message, name);
                }
                yield new OdooServerException(message, name, false);
            }
        };
    }
}
