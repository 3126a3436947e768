package io.parley.console.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
      // Let the client know we will not read the rest of what it sends.
      response.setHeader("Connection", "close");
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    chain.doFilter(request, response);
  }
}
