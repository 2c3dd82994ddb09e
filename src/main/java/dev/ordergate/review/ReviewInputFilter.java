package dev.ordergate.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts engine-rest's and Tasklist's task completion ({@code POST .../task/{id}/complete} and {@code .../submit-form})
 * through {@link ReviewInputs} before the engine sees it: the engine would only learn of a missing comment inside a
 * task listener, and answer that as a 500 with a stack trace in the log.
 */
class ReviewInputFilter extends OncePerRequestFilter {

    /** engine-rest and the webapps' own engine API, which Tasklist submits forms through. */
    static final Pattern COMPLETION = Pattern.compile(
            "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(?:complete|submit-form)$");
    private static final Pattern WEBAPP_ENGINE = Pattern.compile("^/camunda/api/engine/engine/([^/]+)/");

    private final ReviewInputs inputs;
    private final ObjectMapper json;
    private final IdentityService identities;

    ReviewInputFilter(ReviewInputs inputs, ObjectMapper json, IdentityService identities) {
        this.inputs = inputs;
        this.json = json;
        this.identities = identities;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(path(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher matcher = COMPLETION.matcher(path(request));
        if (!matcher.matches()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, Object> submitted = new LinkedHashMap<>();
        try {
            JsonNode variables = body.length == 0 ? null : json.readTree(body).path("variables");
            if (variables != null) {
                variables.properties().forEach(v -> submitted.put(v.getKey(),
                        json.convertValue(v.getValue().path("value"), Object.class)));
            }
        } catch (IOException unreadable) {
            // engine-rest answers a body it cannot read itself.
            chain.doFilter(new Replayed(request, body), response);
            return;
        }
        List<ReviewRules.FieldProblem> problems = checkAsCaller(request, matcher.group(1), submitted).orElse(List.of());
        if (!problems.isEmpty()) {
            var refused = ReviewInputs.refused(matcher.group(1), problems);
            response.setStatus(refused.getStatusCode().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), refused.getBody());
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    /**
     * The problems of the completion as the caller sees the task: the check runs under the caller's engine
     * authentication (engine-rest's, or Tasklist's session), so for a task the caller may not see (another region's
     * review) there is nothing to check, and the engine refuses the completion itself without the caller learning what
     * the task's form wants. Empty when the caller may not read the task.
     */
    private Optional<List<ReviewRules.FieldProblem>> checkAsCaller(HttpServletRequest request, String taskId,
                                                                   Map<String, Object> submitted) {
        UserAuthentication webappUser = identities.getCurrentAuthentication() == null ? webappUser(request) : null;
        if (webappUser != null) {
            identities.setAuthentication(webappUser.getIdentityId(), webappUser.getGroupIds(),
                    webappUser.getTenantIds());
        }
        try {
            return Optional.of(inputs.check(taskId, submitted));
        } catch (AuthorizationException notTheirs) {
            return Optional.empty();
        } finally {
            if (webappUser != null) {
                identities.clearAuthentication();
            }
        }
    }

    /** The Tasklist user of this request's session for the engine the path names; null outside the webapps. */
    private static UserAuthentication webappUser(HttpServletRequest request) {
        Matcher engine = WEBAPP_ENGINE.matcher(path(request));
        Authentications sessions = Authentications.getCurrent();
        HttpSession session = request.getSession(false);
        if (sessions == null && session != null) {
            sessions = AuthenticationUtil.getAuthsFromSession(session);
        }
        if (!engine.find() || sessions == null) {
            return null;
        }
        return sessions.getAuthenticationForProcessEngine(engine.group(1)) instanceof UserAuthentication user
                ? user : null;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The request with its body read once here and served again to the engine. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // The body is already in memory: all of it is available at once.
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException failed) {
                        listener.onError(failed);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
