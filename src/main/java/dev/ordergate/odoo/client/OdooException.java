package dev.ordergate.odoo.client;

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

    public OdooException(String message, String odooError, Throwable cause) {
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

    /**
     * Maps the {@code error} member of a JSON-RPC answer (sent with HTTP 200) by {@code error.data.name}.
     * {@code error.code} is 200 up to Odoo 18 and 0 from 19; it says nothing, so it is not read.
     */
    public static OdooException fromRpcError(String call, JsonNode error) {
        JsonNode data = error.path("data");
        String name = data.path("name").asText("");
        String odooMessage = data.path("message").asText(error.path("message").asText("Odoo Server Error"));
        return fromOdooError(call, name, odooMessage);
    }

    /**
     * Maps a JSON-2 error: a non-200 status with {@code {name, message, arguments, context, debug}} (19.0 README).
     * Odoo's exception classes map as in JSON-RPC; werkzeug's by status: 401 a refused key, 404 a model or method
     * that does not exist, 400 and 422 a request that does not fit (a bug on our side).
     */
    public static OdooException fromJson2Error(String call, int status, JsonNode body) {
        String name = body.path("name").asText("");
        String odooMessage = body.path("message").asText("HTTP " + status);
        String message = call + ": HTTP " + status + " " + odooMessage;
        if (name.startsWith("werkzeug.exceptions.")) {
            return switch (status) {
                case 401 -> new OdooAccessException(message, "odoo.exceptions.AccessDenied");
                case 403 -> new OdooAccessException(message, name);
                case 400 -> new OdooProtocolException(message, null);
                case 408, 429, 502, 503, 504 -> new OdooTransportException(message, null);
                default -> status >= 500 ? new OdooServerException(message, name, false)
                        : new OdooRequestException(message, name);
            };
        }
        return fromOdooError(call, name, odooMessage);
    }

    private static OdooException fromOdooError(String call, String name, String odooMessage) {
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
