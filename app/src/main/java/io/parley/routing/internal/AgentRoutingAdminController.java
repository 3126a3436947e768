package io.parley.routing.internal;

import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import io.parley.routing.AgentSkill;
import io.parley.routing.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin page for agents' skills (per brand, e.g. {@code zh:5, billing, vip}) and capacities per
 * channel type (e.g. {@code email=10, webchat=3, phone=1}), with each brand's default capacities.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AgentRoutingAdminController {

  private final Routing routing;
  private final QueueAdministration administration;
  private final Brands brands;
  private final Users users;
  private final RoutingProperties properties;

  AgentRoutingAdminController(
      Routing routing,
      QueueAdministration administration,
      Brands brands,
      Users users,
      RoutingProperties properties) {
    this.routing = routing;
    this.administration = administration;
    this.brands = brands;
    this.users = users;
    this.properties = properties;
  }

  /**
   * One staff member's row: skills as text per brand id, own capacities as text, and the message
   * key of the error of the last save of this row (then the fields hold what was typed), or null.
   */
  record AgentForm(UserSummary user, Map<Long, String> skills, String capacity, String error) {}

  @GetMapping("/admin/routing")
  String page(Model model) {
    List<BrandSummary> all = brands.all();
    List<AgentForm> agents = new ArrayList<>();
    Object refusedAgent = model.getAttribute("refusedAgent");
    for (UserSummary user : users.staff()) {
      if (Long.valueOf(user.id().value()).equals(refusedAgent)
          && model.getAttribute("typed") instanceof Map<?, ?> typed) {
        Map<Long, String> skills = new LinkedHashMap<>();
        all.forEach(b -> skills.put(b.id().value(), text(typed.get("skills-" + b.id().value()))));
        agents.add(
            new AgentForm(
                user, skills, text(typed.get("capacity")), (String) model.getAttribute("error")));
        continue;
      }
      Map<Long, String> skills = new LinkedHashMap<>();
      all.forEach(b -> skills.put(b.id().value(), ""));
      routing.skillsOf(user.id()).stream()
          .collect(Collectors.groupingBy(s -> s.brand().value()))
          .forEach(
              (brand, list) ->
                  skills.put(
                      brand,
                      list.stream()
                          .map(
                              s ->
                                  s.proficiency() == null
                                      ? s.name()
                                      : s.name() + ":" + s.proficiency())
                          .collect(Collectors.joining(", "))));
      agents.add(
          new AgentForm(user, skills, format(administration.agentCapacities(user.id())), null));
    }
    Map<Long, String> brandCapacities = new LinkedHashMap<>();
    all.forEach(
        b ->
            brandCapacities.put(
                b.id().value(),
                Long.valueOf(b.id().value()).equals(model.getAttribute("refusedBrand"))
                    ? text(model.getAttribute("typedCapacity"))
                    : format(administration.brandCapacities(b.id()))));
    model.addAttribute("brands", all);
    model.addAttribute("agents", agents);
    model.addAttribute("brandCapacities", brandCapacities);
    model.addAttribute("defaults", format(properties.capacity()));
    model.addAttribute("defaultCapacity", properties.defaultCapacity());
    return "routing/agents";
  }

  @PostMapping("/admin/routing/brands/{brandId}")
  String brand(
      @PathVariable long brandId,
      @RequestParam(defaultValue = "") String capacity,
      RedirectAttributes redirect) {
    try {
      routing.setBrandCapacities(new BrandId(brandId), parseCapacity(capacity));
      redirect.addFlashAttribute("notice", "skills.saved");
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", "capacity.invalid");
      redirect.addFlashAttribute("refusedBrand", brandId);
      redirect.addFlashAttribute("typedCapacity", capacity);
    }
    return "redirect:/admin/routing";
  }

  @PostMapping("/admin/routing/agents/{userId}")
  String agent(
      @PathVariable long userId,
      @RequestParam Map<String, String> form,
      RedirectAttributes redirect) {
    try {
      List<AgentSkill> skills = new ArrayList<>();
      for (BrandSummary brand : brands.all()) {
        String text = form.getOrDefault("skills-" + brand.id().value(), "");
        for (String part : text.split("[,，\\s]+")) {
          if (part.isBlank()) {
            continue;
          }
          String[] nameLevel = part.strip().split(":(?=\\d+$)");
          Integer level = nameLevel.length > 1 ? Integer.valueOf(nameLevel[1]) : null;
          skills.add(new AgentSkill(brand.id(), nameLevel[0], level));
        }
      }
      Map<String, Integer> capacity = parseCapacity(form.getOrDefault("capacity", ""));
      routing.setSkillsAndCapacities(new UserId(userId), skills, capacity);
      redirect.addFlashAttribute("notice", "skills.saved");
    } catch (IllegalArgumentException e) {
      // Nothing was saved: the row shows again as typed, with the error beside it.
      redirect.addFlashAttribute(
          "error",
          e.getMessage() != null && e.getMessage().matches("[a-z.]+[A-Za-z.]*")
              ? e.getMessage()
              : "skills.name.invalid");
      redirect.addFlashAttribute("refusedAgent", userId);
      Map<String, String> typed = new LinkedHashMap<>(form);
      typed.remove("_csrf");
      redirect.addFlashAttribute("typed", typed);
    }
    return "redirect:/admin/routing";
  }

  /** "email=10, phone=1" → {email=10, phone=1}; anything else is refused. */
  static Map<String, Integer> parseCapacity(String text) {
    Map<String, Integer> result = new LinkedHashMap<>();
    for (String part : text.split("[,，;\\s]+")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("[=:]");
      if (kv.length != 2) {
        throw new IllegalArgumentException("capacity.invalid");
      }
      try {
        result.put(kv[0].strip(), Integer.valueOf(kv[1].strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("capacity.invalid");
      }
    }
    return result;
  }

  private static String text(Object typed) {
    return typed == null ? "" : typed.toString();
  }

  private static String format(Map<String, Integer> capacities) {
    return capacities.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
