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
}
