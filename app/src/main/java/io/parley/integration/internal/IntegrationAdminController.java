package io.parley.integration.internal;

import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.integration.BackOfficeLookups;
import io.parley.integration.CallEvents;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin → Back office & phone: the back-office HTTP mapping and agents' phone extensions. */
@Controller
@RequestMapping("/admin/integration")
@PreAuthorize("hasRole('ADMIN')")
class IntegrationAdminController {

  private final BackOfficeLookups lookups;
  private final CallEvents calls;
  private final Users users;

  IntegrationAdminController(BackOfficeLookups lookups, CallEvents calls, Users users) {
    this.lookups = lookups;
    this.calls = calls;
    this.users = users;
  }

  @GetMapping
  String page(Model model) {
    if (!model.containsAttribute("settings")) {
      model.addAttribute("settings", lookups.settings());
    }
    Map<UserId, String> extensions = new LinkedHashMap<>();
    var staff = users.staff();
    staff.forEach(u -> extensions.put(u.id(), calls.extensionOf(u.id()).orElse("")));
    model.addAttribute("staff", staff);
    model.addAttribute("extensions", extensions);
    return "integration/admin";
  }

  @PostMapping
  String save(
      @ModelAttribute("settings") BackOfficeSettings form, BindingResult binding, Model model) {
    // A number field left empty or not a number: say which values are wrong and keep the form.
    String problem = binding.hasErrors() ? "integration.timeouts.invalid" : problemOf(form);
    if (problem != null) {
      model.addAttribute("error", problem);
      return page(model);
    }
    lookups.save(form);
    return "redirect:/admin/integration?saved";
  }

  @PostMapping("/extensions")
  String extension(
      @RequestParam long user, @RequestParam String extension, RedirectAttributes flash) {
    try {
      calls.assignExtension(new UserId(user), extension);
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("error", "integration.extension.invalid");
    }
    return "redirect:/admin/integration";
  }

  private static String problemOf(BackOfficeSettings s) {
    if (s.isEnabled()) {
      try {
        URI uri = URI.create(s.getBaseUrl() == null ? "" : s.getBaseUrl().strip());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          return "integration.baseUrl.invalid";
        }
      } catch (IllegalArgumentException e) {
        return "integration.baseUrl.invalid";
      }
    }
    for (String pointer :
        new String[] {
          s.getOrdersPointer(), s.getNumberPointer(), s.getStatusPointer(),
          s.getPlacedAtPointer(), s.getItemsPointer(), s.getItemNamePointer(),
          s.getEmailPointer(), s.getPhonePointer(), s.getWarrantyEndPointer()
        }) {
      if (pointer != null && !pointer.isBlank() && !pointer.startsWith("/")) {
        return "integration.pointer.invalid";
      }
    }
    if (s.getConnectTimeoutMs() < 50
        || s.getConnectTimeoutMs() > 30_000
        || s.getReadTimeoutMs() < 50
        || s.getReadTimeoutMs() > 60_000
        || s.getBudgetMs() < 50
        || s.getBudgetMs() > 10_000
        || s.getCacheSeconds() < 1
        || s.getCacheSeconds() > 86_400) {
      return "integration.timeouts.invalid";
    }
    return null;
  }
}
