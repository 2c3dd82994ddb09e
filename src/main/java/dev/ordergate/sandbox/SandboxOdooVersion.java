package dev.ordergate.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The version the simulated Odoo reports, the one the contract transcripts were recorded against. */
final class SandboxOdooVersion {

    static final String SERVER_VERSION = "18.0+e-20241005";

    private SandboxOdooVersion() {
    }

    static Map<String, Object> version() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("server_version", SERVER_VERSION);
        version.put("server_version_info", List.of(18, 0, 0, "final", 0, ""));
        version.put("server_serie", "18.0");
        version.put("protocol_version", 1);
        return version;
    }
}
