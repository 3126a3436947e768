package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return CurrentUser.get().isPresent() ? "redirect:/" : "identity/login";
  }
}
