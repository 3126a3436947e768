package io.parley.console.internal;

import io.parley.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page needs to render its layout. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ConsoleModelAdvice {

  @ModelAttribute("me")
  CurrentUser me() {
    return CurrentUser.get().orElse(null);
  }

  /**
   * The page being shown in each language the console speaks: its address and query as they are,
   * {@code lang} replaced, so that switching language keeps what the page shows (a rule being
   * edited, a period, a filter). Null for the answer to a form (not a GET: its address would not
   * show the page again) and for an error page (forwarded to /error), where the layout links the
   * address as the browser has it.
   */
  @ModelAttribute("languageLinks")
  java.util.Map<String, String> languageLinks(jakarta.servlet.http.HttpServletRequest request) {
    String path = request.getRequestURI();
    if (!"GET".equals(request.getMethod())
        || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST
        || path == null
        || !path.startsWith("/")
        || path.startsWith("//")) {
      return null; // an error page (its address is /error), a form's answer, an odd path
    }
    java.util.Map<String, String> links = new java.util.LinkedHashMap<>();
    for (String tag : java.util.List.of("en", "zh-CN")) {
      links.put(
          tag,
          org.springframework.web.util.UriComponentsBuilder.fromPath(path)
              .query(request.getQueryString())
              .replaceQueryParam("lang", tag)
              .build()
              .toUriString());
    }
    return links;
  }
}
