package io.parley.console.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error the servlet container sees ends here: a page in the user's language for people, an
 * RFC 9457 problem detail for API clients. Never a stack trace or an exception message.
 */
@Controller
class ErrorPageController implements ErrorController {

  private final MessageSource messages;

  ErrorPageController(MessageSource messages) {
    this.messages = messages;
  }

  @RequestMapping("/error")
  Object error(HttpServletRequest request, Locale locale) {
    int status = statusOf(request);
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String titleKey = "error." + status + ".title";
    String title = messages.getMessage(titleKey, null, null, locale);
    if (title == null) {
      title = messages.getMessage("error.generic.title", null, locale);
    }
    Object reason = request.getAttribute(RequestSizeLimitFilter.REASON_ATTRIBUTE);
    String detailKey = reason != null ? reason.toString() : "error." + status + ".detail";
    String detail =
        messages.getMessage(
            detailKey, null, messages.getMessage("error.generic.detail", null, locale), locale);
    if (wantsProblem(request, uri)) {
      ProblemDetail problem = ProblemDetail.forStatus(status);
      problem.setTitle(title);
      problem.setDetail(detail);
      if (uri != null) {
        problem.setInstance(URI.create(uri));
      }
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    return new ModelAndView(
        "error",
        Map.of("status", status, "errorTitle", title, "errorDetail", detail),
        HttpStatus.valueOf(status));
  }

  private static int statusOf(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (code instanceof Integer i && HttpStatus.resolve(i) != null && i >= 400) {
      return i;
    }
    return 500;
  }

  private static boolean wantsProblem(HttpServletRequest request, String uri) {
    if (uri != null && (uri.startsWith("/api/") || uri.startsWith("/actuator/"))) {
      return true;
    }
    String accept = request.getHeader("Accept");
    return accept != null
        && !accept.contains("text/html")
        && (accept.contains("application/json") || accept.contains("application/problem+json"));
  }
}
