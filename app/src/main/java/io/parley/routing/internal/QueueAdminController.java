package io.parley.routing.internal;

import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.routing.AssignmentPolicy;
import io.parley.routing.Handback;
import io.parley.routing.QueueSettings;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin page for queues: members, default queue of a brand, round-robin on or off. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class QueueAdminController {

  private final QueueAdministration queues;
  private final Brands brands;
  private final Users users;

  QueueAdminController(QueueAdministration queues, Brands brands, Users users) {
    this.queues = queues;
    this.brands = brands;
    this.users = users;
  }

  @GetMapping("/admin/queues")
  String list(Model model) {
    model.addAttribute("queues", queues.all());
    model.addAttribute("brands", brands.all());
    model.addAttribute(
        "brandNames",
        brands.all().stream().collect(Collectors.toMap(BrandSummary::id, BrandSummary::name)));
    model.addAttribute("staff", users.staff());
    model.addAttribute("policies", AssignmentPolicy.values());
    model.addAttribute("handbacks", Handback.values());
    model.addAttribute(
        "staffById",
        users.staff().stream().collect(Collectors.toMap(u -> u.id(), Function.identity())));
    return "routing/queues";
  }

  @PostMapping("/admin/queues")
  String create(
      @RequestParam Long brandId,
      @RequestParam String name,
      @RequestParam(defaultValue = "false") boolean autoAssign,
      @RequestParam(defaultValue = "false") boolean isDefault,
      @RequestParam(required = false) List<Long> members,
      @RequestParam(defaultValue = "ROUND_ROBIN") AssignmentPolicy policy,
      RedirectAttributes redirect) {
    try {
      queues.create(
          new BrandId(brandId),
          name,
          autoAssign,
          isDefault,
          toUsers(members),
          QueueSettings.of(policy));
      redirect.addFlashAttribute("notice", "queue.saved");
    } catch (IllegalArgumentException | org.springframework.dao.DataIntegrityViolationException e) {
      redirect.addFlashAttribute("error", "queue.name.invalid");
    }
    return "redirect:/admin/queues";
  }

  @PostMapping("/admin/queues/{id}")
  String configure(
      @PathVariable Long id,
      @RequestParam(defaultValue = "false") boolean autoAssign,
      @RequestParam(defaultValue = "false") boolean isDefault,
      @RequestParam(required = false) List<Long> members,
      @RequestParam(defaultValue = "ROUND_ROBIN") AssignmentPolicy policy,
      @RequestParam(required = false) Long overflowQueueId,
      @RequestParam(required = false) Integer overflowMinutes,
      @RequestParam(defaultValue = "NOT_STARTED") Handback handback,
      RedirectAttributes redirect) {
    try {
      boolean overflow = overflowQueueId != null && overflowMinutes != null;
      if ((overflowQueueId != null) != (overflowMinutes != null)
          || (overflowMinutes != null && (overflowMinutes < 1 || overflowMinutes > 10_080))) {
        throw new IllegalArgumentException("queue.overflow.invalid");
      }
      queues.update(
          id,
          new QueueSettings(
              policy,
              overflow ? overflowQueueId : null,
              overflow ? java.time.Duration.ofMinutes(overflowMinutes) : null,
              handback),
          autoAssign,
          isDefault,
          toUsers(members));
      redirect.addFlashAttribute("notice", "queue.saved");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute(
          "error",
          "queue.overflow.invalid".equals(e.getMessage())
                  || "queue.default.required".equals(e.getMessage())
              ? e.getMessage()
              : "queue.notFound");
    }
    return "redirect:/admin/queues";
  }

  private static List<UserId> toUsers(List<Long> ids) {
    return ids == null ? List.of() : ids.stream().map(UserId::new).toList();
  }
}
