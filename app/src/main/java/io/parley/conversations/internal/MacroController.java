package io.parley.conversations.internal;

import io.parley.conversations.CaseStatus;
import io.parley.identity.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Macros every agent can use; supervisors and admins define them. */
@Controller
class MacroController {

  private final Macros macros;

  MacroController(Macros macros) {
    this.macros = macros;
  }

  @GetMapping("/cases/macros")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
  String list(Model model) {
    model.addAttribute("macros", macros.all());
    model.addAttribute("statuses", CaseStatus.values());
    return "conversations/macros";
  }

  @PostMapping("/cases/macros")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  String create(
      @RequestParam String name,
      @RequestParam String body,
      @RequestParam(required = false) CaseStatus setStatus,
      RedirectAttributes redirect) {
    try {
      macros.create(name, body, setStatus, CurrentUser.require().id().value());
      redirect.addFlashAttribute("notice", "macro.saved");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/cases/macros";
  }
}
