package dev.ordergate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses API bodies over {@code ordergate.intake.max-body-bytes} with 413: by Content-Length before reading,
 * and by counting when the length is not declared (chunked uploads).
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    private final IntakeProperties limits;
    private final HandlerExceptionResolver resolver;

    RequestBodyLimit(IntakeProperties limits,
                     @org.springframework.beans.factory.annotation.Qualifier("handlerExceptionResolver")
                     HandlerExceptionResolver resolver) {
        this.limits = limits;
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Deployments carry whole BPMN files (order-fulfillment is ~100 KB); the servlet multipart limits bound them.
        return !request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/api/v1/ops/deployments");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            resolver.resolveException(request, response, null, new TooLargeException(limits.maxBodyBytes()));
            return;
        }
        chain.doFilter(new Counting(request, limits.maxBodyBytes()), response);
    }

    static class TooLargeException extends IOException {
        TooLargeException(long max) {
            super("The request body is larger than the allowed " + max + " bytes");
        }
    }

    private static final class Counting extends HttpServletRequestWrapper {

        private final long max;

        Counting(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = in.read(buffer, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws TooLargeException {
                    count += n;
                    if (count > max) {
                        throw new TooLargeException(max);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
