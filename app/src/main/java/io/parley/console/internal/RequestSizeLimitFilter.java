package io.parley.console.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose declared body is larger than {@code parley.web.max-request-size} with
 * 413, before security, parsing or any other work. Bodies without a length are bounded by the
 * servlet container's multipart and form limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestSizeLimitFilter extends OncePerRequestFilter {

  static final String REASON_ATTRIBUTE = "parley.error.reason";

  private final long maxBytes;

  RequestSizeLimitFilter(WebProperties properties) {
    this.maxBytes = properties.maxRequestSize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      request.setAttribute(REASON_ATTRIBUTE, "error.413.detail");
      request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);
      request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      // Render the error page directly, as a request without a body: sendError would let the
      // error dispatch read form parameters, i.e. wait for the very body we refuse.
      request.getRequestDispatcher("/error").forward(new Bodiless(request), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The refused request as the error page sees it: a GET with no body and no form fields. */
  private static final class Bodiless extends HttpServletRequestWrapper {

    Bodiless(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public int getContentLength() {
      return 0;
    }

    @Override
    public long getContentLengthLong() {
      return 0;
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return true;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {}

        @Override
        public int read() {
          return -1;
        }
      };
    }
  }
}
