package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import io.parley.identity.Rejected;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A user's own account: password and personal API tokens. Open to every role. */
@Controller
class AccountController {

  private final ApiTokens tokens;
  private final UserAdministration administration;
  private final UserRepository users;

  AccountController(ApiTokens tokens, UserAdministration administration, UserRepository users) {
    this.tokens = tokens;
    this.administration = administration;
    this.users = users;
  }

  @GetMapping("/account")
  String show(Model model) {
    CurrentUser me = CurrentUser.require();
    model.addAttribute("account", users.findById(me.id().value()).orElseThrow());
    model.addAttribute("tokens", tokens.of(me.id().value()));
    return "identity/account";
  }

  @PostMapping("/account/tokens")
  String issue(
      @RequestParam String name,
      @RequestParam(required = false) LocalDate expires,
      RedirectAttributes redirect) {
    CurrentUser me = CurrentUser.require();
    try {
      var issued =
          tokens.issue(
              me.id().value(),
              name,
              expires == null ? null : expires.atStartOfDay().toInstant(ZoneOffset.UTC));
      redirect.addFlashAttribute("newToken", issued.secret());
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/account";
  }

  @PostMapping("/account/tokens/{id}/revoke")
  String revoke(@PathVariable Long id, RedirectAttributes redirect) {
    try {
      tokens.revoke(CurrentUser.require().id().value(), id);
      redirect.addFlashAttribute("notice", "token.revoked");
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/account";
  }

  @PostMapping("/account/password")
  String changePassword(
      @RequestParam String current,
      @RequestParam String password,
      @RequestParam String confirmation,
      RedirectAttributes redirect) {
    if (!password.equals(confirmation)) {
      redirect.addFlashAttribute("error", "password.mismatch");
      return "redirect:/account";
    }
    try {
      administration.changePassword(CurrentUser.require().id().value(), current, password);
      redirect.addFlashAttribute("notice", "password.changed");
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/account";
  }
}
