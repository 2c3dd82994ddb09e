package dev.ordergate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for an OIDC login: follows redirects itself and keeps cookies by name, because Keycloak's
 * cookies are {@code Secure; SameSite=None} even on http and the JDK's cookie store would not send them back.
 */
final class TestBrowser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String app;

    TestBrowser(String app) {
        this.app = app;
    }

    /** Opens an app page, logs in on Keycloak's form and returns the page it lands on. */
    HttpResponse<String> loginThroughKeycloak(String page, String username) {
        return loginThroughKeycloak(page, username, username);
    }

    /** Opens an app page, logs in on Keycloak's form with this password and returns the page it lands on. */
    HttpResponse<String> loginThroughKeycloak(String page, String username, String password) {
        HttpResponse<String> response = follow(get(URI.create(app + page)));
        Matcher action = FORM_ACTION.matcher(response.body());
        if (!action.find()) {
            throw new IllegalStateException("No login form at " + response.uri() + ": " + response.statusCode());
        }
        URI login = URI.create(action.group(1).replace("&amp;", "&"));
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
        return follow(send(HttpRequest.newBuilder(login).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))));
    }

    JsonNode json(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(app + path))
                .header("Accept", "application/json").GET());
        try {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A call to a webapp's own REST API as the webapp makes it: JSON, with the session's cookies and, for a change,
     * Camunda's CSRF token from its cookie (which a GET of a webapp page sets).
     */
    HttpResponse<String> api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app + path))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (cookies.containsKey("XSRF-TOKEN")) {
            request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        }
        return send(request);
    }

    int status(String page) {
        return follow(get(URI.create(app + page))).statusCode();
    }

    /** Where a visit to an app page ends after every redirect: the page itself, or Keycloak when not logged in. */
    HttpResponse<String> visit(String page) {
        return follow(get(URI.create(app + page)));
    }

    /** A form post without fields (a logout button), following the redirects. */
    HttpResponse<String> post(String page) {
        return follow(send(HttpRequest.newBuilder(URI.create(app + page))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody())));
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET());
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        for (int hops = 0; hops < 15 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = get(next);
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
