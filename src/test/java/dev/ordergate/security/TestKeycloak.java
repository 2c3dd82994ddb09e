package dev.ordergate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordergate.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * The real Keycloak the security tests talk to, started once per JVM from the server distribution Maven unpacked into
 * target/ (see the pom), with the realm file the project ships, and stopped when the JVM exits. Keycloak needs a JDK
 * 21+: it takes KEYCLOAK_JAVA_HOME, else JAVA_HOME, else the newest one under /usr/lib/jvm, and aborts the tests
 * loudly when there is none. Its dev-file database lives under target/ and is wiped when the realm file changes,
 * because --import-realm never updates an existing realm. The import is the shipped realm with test secrets instead of
 * the demo ones (a keycloak-mode node refuses demo secrets), plus a test-only client with the password grant for
 * person tokens (the shipped browser client has none) and a redirect URI for the tests' random ports.
 */
final class TestKeycloak {

    static final String REALM = "ordergate";
    /** The test-only client that hands out person tokens (password grant); never in the shipped realm. */
    static final String USERS_CLIENT = "ordergate-test-users";
    private static final Path REALM_FILE = Path.of("keycloak", "ordergate-realm.json");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final String ADMIN = "test-admin";

    private static String url;

    private TestKeycloak() {
    }

    /** Keycloak's base URL (as tokens name it), starting it on first use. */
    static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    static String issuer() {
        return url() + "/realms/" + REALM;
    }

    /** An access token for a confidential client of the demo realm (client credentials). */
    static String clientToken(String clientId) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret(clientId)));
    }

    /** A client's secret in the test realm (never its published demo value). */
    static String secret(String clientId) {
        return clientId + "-test-secret";
    }

    /** An access token for a demo user (password grant on the test-only client; demo passwords are the user names). */
    static String userToken(String username) {
        return token(Map.of("grant_type", "password", "client_id", USERS_CLIENT,
                "client_secret", secret(USERS_CLIENT), "username", username, "password", username, "scope", "openid"));
    }

    /** Keycloak's answer to a token request, as status and body, for attacks that expect a refusal. */
    static HttpResponse<String> tokenResponse(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Calls the realm's admin API ({@code /admin/realms/ordergate} + path) as the master realm's test administrator;
     * answers the response body, or fails on a status of 300 or more.
     */
    static String admin(String method, String path, String json) {
        String token = tokenFrom(url() + "/realms/master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", ADMIN, "password", ADMIN));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode adminJson(String method, String path, String json) {
        try {
            return JSON.readTree(admin(method, path, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(Map<String, String> form) {
        return tokenFrom(issuer(), form);
    }

    private static String tokenFrom(String issuer, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token: " + response.statusCode() + " "
                        + json.path("error"));
            }
            return json.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String start() {
        Path java = javaHome().orElseThrow(() -> {
            String message = "\n\n*** KEYCLOAK TESTS SKIPPED: no JDK 21+ found (set KEYCLOAK_JAVA_HOME or install one "
                    + "under /usr/lib/jvm). The keycloak profile is NOT tested in this run. ***\n";
            System.err.println(message);
            return new TestAbortedException(message);
        });
        Path home = Path.of(System.getProperty("ordergate.test.keycloak-home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak server at " + home.toAbsolutePath()
                    + "; `mvn generate-test-resources` unpacks it");
        }
        try {
            prepareRealm(home);
            int port = FreePort.find();
            int management = FreePort.find();
            String base = "http://localhost:" + port;
            Path log = home.resolve("ordergate-test.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + base,
                    "--http-management-port=" + management, "--health-enabled=true", "--import-realm")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            // A master-realm administrator for the tests that drive Keycloak's admin API (created once per database).
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN);
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
            awaitReady(process, management, log);
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void prepareRealm(Path home) throws IOException {
        Path data = home.resolve("data");
        Path marker = data.resolve("ordergate-realm.sha256");
        byte[] realm = testRealm();
        String hash = sha256(realm);
        if (!Files.exists(marker) || !hash.equals(Files.readString(marker))) {
            delete(data.resolve("h2"));
        }
        Files.createDirectories(data.resolve("import"));
        Files.write(data.resolve("import/ordergate-realm.json"), realm);
        Files.writeString(marker, hash);
    }

    private static byte[] testRealm() throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(REALM_FILE.toFile());
        ArrayNode clients = (ArrayNode) realm.path("clients");
        ObjectNode users = null;
        for (JsonNode node : clients) {
            ObjectNode client = (ObjectNode) node;
            String id = client.path("clientId").asText();
            if (client.has("secret")) {
                client.put("secret", secret(id));
            }
            if ("ordergate-webapps".equals(id)) {
                // The tests' applications listen on random ports of this machine.
                ((ArrayNode) client.withArray("redirectUris")).add("http://localhost*");
                users = client.deepCopy();
            }
        }
        users.put("clientId", USERS_CLIENT).put("name", USERS_CLIENT).put("secret", secret(USERS_CLIENT))
                .put("description", "Test only: person tokens by password grant").put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", true);
        users.remove(List.of("id", "redirectUris", "attributes"));
        clients.add(users);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(realm);
    }

    private static void awaitReady(Process process, int management, Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        stop(process);
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static void stop(Process process) {
        // kc.sh runs the server as a child; stop both.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** A JDK 21+ for Keycloak: KEYCLOAK_JAVA_HOME, JAVA_HOME, or the newest under /usr/lib/jvm. */
    static Optional<Path> javaHome() {
        Stream<Path> configured = Stream.of(System.getenv("KEYCLOAK_JAVA_HOME"), System.getenv("JAVA_HOME"))
                .filter(v -> v != null && !v.isBlank()).map(Path::of);
        Stream<Path> installed;
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            installed = jvms.sorted(Comparator.comparingInt(TestKeycloak::featureVersion).reversed()).toList().stream();
        } catch (IOException noJvmFolder) {
            installed = Stream.empty();
        }
        return Stream.concat(configured, installed)
                .filter(home -> Files.isExecutable(home.resolve("bin/java")) && featureVersion(home) >= 21)
                .findFirst();
    }

    private static int featureVersion(Path javaHome) {
        try {
            return Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
                    .findFirst().orElse(0);
        } catch (IOException | NumberFormatException unknown) {
            return 0;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
