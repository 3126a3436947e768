package io.parley.identity.internal;

import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.NewUser;
import io.parley.identity.Rejected;
import io.parley.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Admin pages to create, invite, deactivate and reactivate users. Users are never deleted. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UserAdminController {

  private final UserRepository users;
  private final UserAdministration administration;
  private final Brands brands;
  private final SessionRegistry sessions;

  UserAdminController(
      UserRepository users,
      UserAdministration administration,
      Brands brands,
      SessionRegistry sessions) {
    this.users = users;
    this.administration = administration;
    this.brands = brands;
    this.sessions = sessions;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("users", users.findAllByOrderByRoleAscDisplayNameAsc());
    model.addAttribute("brands", brands.all());
    model.addAttribute("roles", Role.values());
    return "identity/users";
  }

  @PostMapping
  String create(
      @RequestParam String username,
      @RequestParam String displayName,
      @RequestParam String email,
      @RequestParam Role role,
      @RequestParam(required = false) String signature,
      @RequestParam(required = false) String password,
      @RequestParam(required = false) List<Long> brandIds,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    Set<BrandId> granted =
        brandIds == null
            ? Set.of()
            : brandIds.stream().map(BrandId::new).collect(Collectors.toSet());
    try {
      var user =
          administration.create(
              new NewUser(username, displayName, email, role, password, signature, granted));
      if (user.isInvitationPending()) {
        redirect.addFlashAttribute(
            "inviteLink", inviteLink(request, administration.invite(user.getId())));
        redirect.addFlashAttribute("invitee", user.getUsername());
      }
      redirect.addFlashAttribute("notice", "user.created");
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
      redirect.addFlashAttribute(
          "form", new NewUser(username, displayName, email, role, null, signature, granted));
    }
    return "redirect:/admin/users";
  }

  @PostMapping("/{id}/invite")
  String invite(@PathVariable Long id, HttpServletRequest request, RedirectAttributes redirect) {
    try {
      String token = administration.invite(id);
      redirect.addFlashAttribute("inviteLink", inviteLink(request, token));
      redirect.addFlashAttribute("invitee", users.findById(id).map(User::getUsername).orElse(""));
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/admin/users";
  }

  @PostMapping("/{id}/deactivate")
  String deactivate(@PathVariable Long id, RedirectAttributes redirect) {
    try {
      administration.deactivate(id, CurrentUser.require().id().value());
      // Sign the user out everywhere: a deactivated account must stop working at once.
      sessions.getAllPrincipals().stream()
          .filter(p -> p instanceof CurrentUser u && u.id().value() == id)
          .flatMap(p -> sessions.getAllSessions(p, false).stream())
          .forEach(s -> s.expireNow());
      redirect.addFlashAttribute("notice", "user.deactivated");
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/admin/users";
  }

  @PostMapping("/{id}/reactivate")
  String reactivate(@PathVariable Long id, RedirectAttributes redirect) {
    try {
      administration.reactivate(id);
      redirect.addFlashAttribute("notice", "user.reactivated");
    } catch (Rejected e) {
      redirect.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/admin/users";
  }

  private static String inviteLink(HttpServletRequest request, String token) {
    return ServletUriComponentsBuilder.fromContextPath(request)
        .path("/invite/{token}")
        .buildAndExpand(token)
        .toUriString();
  }
}
