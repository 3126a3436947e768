package io.parley.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem details from the security filters, in the client's language. */
@Component
class ProblemResponses {

  private final MessageSource messages;
  private final JsonMapper json = JsonMapper.builder().build();

  ProblemResponses(MessageSource messages) {
    this.messages = messages;
  }

  void write(HttpServletResponse response, int status, String key, String instance)
      throws IOException {
    var locale = LocaleContextHolder.getLocale();
    // Written by hand: these filters run outside Spring MVC and its ProblemDetail converters.
    var problem = new java.util.LinkedHashMap<String, Object>();
    problem.put("type", "about:blank");
    problem.put("title", messages.getMessage("error." + status + ".title", null, locale));
    problem.put("status", status);
    problem.put("detail", messages.getMessage(key, null, locale));
    if (instance != null) {
      problem.put("instance", instance);
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"parley\"");
    }
    json.writeValue(response.getOutputStream(), problem);
  }
}
