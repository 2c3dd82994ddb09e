package dev.ordergate.sandbox;

/** An error the simulated Odoo answers as a JSON-RPC error object, named after the Python exception class. */
final class OdooFault extends RuntimeException {

    private final String exceptionName;

    private OdooFault(String exceptionName, String message) {
        super(message);
        this.exceptionName = exceptionName;
    }

    String exceptionName() {
        return exceptionName;
    }

    static OdooFault userError(String message) {
        return new OdooFault("odoo.exceptions.UserError", message);
    }

    static OdooFault accessError(String message) {
        return new OdooFault("odoo.exceptions.AccessError", message);
    }

    static OdooFault accessDenied() {
        return new OdooFault("odoo.exceptions.AccessDenied", "Access Denied");
    }

    static OdooFault missing(String model, Object ids, int uid) {
        return new OdooFault("odoo.exceptions.MissingError",
                "Record does not exist or has been deleted.\n(Record: %s(%s,), User: %d)".formatted(model, ids, uid));
    }

    static OdooFault validation(String message) {
        return new OdooFault("odoo.exceptions.ValidationError", message);
    }

    static OdooFault valueError(String message) {
        return new OdooFault("builtins.ValueError", message);
    }

    static OdooFault invalidField(String field, String model) {
        return valueError("Invalid field '%s' on model '%s'".formatted(field, model));
    }

    static OdooFault attributeError(String message) {
        return new OdooFault("builtins.AttributeError", message);
    }

    static OdooFault typeError(String message) {
        return new OdooFault("builtins.TypeError", message);
    }

    static OdooFault keyError(String message) {
        return new OdooFault("builtins.KeyError", message);
    }

    /** werkzeug's 404 of the JSON-2 routes: no such model or method. */
    static OdooFault notFound(String message) {
        return new OdooFault("werkzeug.exceptions.NotFound", message);
    }

    static OdooFault database(String name, String message) {
        return new OdooFault(name, message);
    }
}
