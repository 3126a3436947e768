package io.parley.identity.internal;

import io.parley.identity.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where an invited user chooses their password. */
@Controller
class InvitationController {

  private final UserAdministration administration;

  InvitationController(UserAdministration administration) {
    this.administration = administration;
  }

  @GetMapping("/invite/{token}")
  String show(@PathVariable String token, Model model) {
    var invitee = administration.invitee(token);
    if (invitee.isEmpty()) {
      model.addAttribute("invalid", true);
    } else {
      model.addAttribute("invitee", invitee.get());
    }
    model.addAttribute("token", token);
    return "identity/invitation";
  }

  @PostMapping("/invite/{token}")
  String accept(
      @PathVariable String token,
      @RequestParam String password,
      @RequestParam String confirmation,
      Model model) {
    if (!password.equals(confirmation)) {
      model.addAttribute("error", "password.mismatch");
      return show(token, model);
    }
    try {
      administration.acceptInvitation(token, password);
    } catch (Rejected e) {
      model.addAttribute("error", e.messageKey());
      return show(token, model);
    }
    return "redirect:/login?activated";
  }
}
