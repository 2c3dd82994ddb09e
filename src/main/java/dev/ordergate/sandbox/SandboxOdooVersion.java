package dev.ordergate.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version the simulated Odoo reports and the behaviour that goes with it: 18 (the default, as the 18.0
 * transcripts) or 19 (JSON-2, {@code error.code} 0 in JSON-RPC, cancelling without the wizard, as the 19.0 ones).
 */
record SandboxOdooVersion(int major) {

    static SandboxOdooVersion of(int major) {
        if (major != 18 && major != 19) {
            throw new IllegalArgumentException("The sandbox simulates Odoo 18 or 19, not " + major);
        }
        return new SandboxOdooVersion(major);
    }

    /** 18 reports an Enterprise build's suffix, as the 18.0 transcripts' server did; 19 reports the plain series. */
    String serverVersion() {
        return major == 18 ? "18.0+e-20241005" : major + ".0";
    }

    Map<String, Object> version() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("server_version", serverVersion());
        version.put("server_version_info", versionInfo());
        version.put("server_serie", major + ".0");
        version.put("protocol_version", 1);
        return version;
    }

    /** {@code GET /json/version} of 19 (19.0 transcript 01). */
    Map<String, Object> jsonVersion() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version_info", versionInfo());
        version.put("version", major + ".0");
        return version;
    }

    private List<Object> versionInfo() {
        return List.of(major, 0, 0, "final", 0, "");
    }

    boolean speaksJson2() {
        return major >= 19;
    }

    /** JSON-RPC's {@code error.code}: 200 in 18, 0 in 19 (19.0 transcript 121). */
    int rpcErrorCode() {
        return major >= 19 ? 0 : 200;
    }

    /**
     * The {@code ValidationError} of a create that leaves a required field empty, in each version's words (18.0
     * transcript 99, 19.0 transcript 100).
     */
    String missingRequired(String modelDescription, String model, String fieldLabel, String field) {
        if (major >= 19) {
            return ("The operation cannot be completed: Missing required value for the field '%s' (%s).\n"
                    + "Model: '%s' (%s)\n- create/update: a mandatory field is not set\n"
                    + "- delete: another model requires the record being deleted, you can archive it instead\n")
                    .formatted(fieldLabel, field, modelDescription, model);
        }
        return ("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: %s (%s)\nField: %s (%s)\n").formatted(modelDescription, model, fieldLabel, field);
    }

    /** 18 answers {@code action_cancel} on a confirmed order with the {@code sale.order.cancel} wizard; 19 cancels. */
    boolean cancelAsksThroughWizard() {
        return major < 19;
    }
}
