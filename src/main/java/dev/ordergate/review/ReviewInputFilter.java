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

    private final ReviewInputs inputs;
    private final ObjectMapper json;

    ReviewInputFilter(ReviewInputs inputs, ObjectMapper json) {
        this.inputs = inputs;
        this.json = json;
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
        List<ReviewRules.FieldProblem> problems = inputs.check(matcher.group(1), submitted);
        if (!problems.isEmpty()) {
            var refused = ReviewInputs.refused(matcher.group(1), problems);
            response.setStatus(refused.getStatusCode().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), refused.getBody());
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
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
