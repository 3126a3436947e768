package io.parley.listening.internal;

import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.routing.Routing;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin page for listening rules: list, create, edit, delete, and a live preview. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ListeningAdminController {

  private final RuleBook book;
  private final Brands brands;
  private final Routing routing;
  private final MessageSource messages;
  private final RecentPosts recent;

  ListeningAdminController(
      RuleBook book, Brands brands, Routing routing, MessageSource messages, RecentPosts recent) {
    this.book = book;
    this.brands = brands;
    this.routing = routing;
    this.messages = messages;
    this.recent = recent;
  }

  @GetMapping("/admin/listening")
  String list(
      @RequestParam(required = false) Long edit, Model model, HttpServletResponse response) {
    RuleForm form = edit == null ? null : book.find(edit).map(ListeningRule::toForm).orElse(null);
    if (edit != null && form == null) {
      // Deleted meanwhile, or a mistyped address: say so, and offer a new rule instead.
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("error", "listening.rule.notFound");
      edit = null;
    }
    if (form == null) {
      form = RuleForm.empty(brands.all().isEmpty() ? null : brands.all().get(0).id().value());
    }
    return page(model, edit, form, Map.of());
  }

  @PostMapping("/admin/listening")
  String create(
      @RequestParam Map<String, String> params,
      Model model,
      Locale locale,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(null, params, model, locale, response, redirect);
  }

  @PostMapping("/admin/listening/{id}")
  String update(
      @PathVariable Long id,
      @RequestParam Map<String, String> params,
      Model model,
      Locale locale,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (book.find(id).isEmpty()) {
      redirect.addFlashAttribute("error", "listening.rule.notFound");
      return "redirect:/admin/listening";
    }
    return save(id, params, model, locale, response, redirect);
  }

  @PostMapping("/admin/listening/{id}/delete")
  String delete(@PathVariable Long id, RedirectAttributes redirect) {
    if (book.find(id).isPresent()) {
      book.delete(id);
      redirect.addFlashAttribute("notice", "listening.rule.deleted");
    }
    return "redirect:/admin/listening";
  }

  @PostMapping("/admin/listening/preview")
  String preview(
      @RequestParam Map<String, String> params,
      @RequestParam(defaultValue = "500") int posts,
      Model model,
      Locale locale) {
    RuleBook.Preview preview =
        book.preview(form(params), Math.max(1, Math.min(posts, recent.capacity())));
    model.addAttribute("preview", preview);
    model.addAttribute(
        "previewError", preview.problem() == null ? null : text(preview.problem(), locale));
    return "listening/rules :: preview";
  }

  private String save(
      Long id,
      Map<String, String> params,
      Model model,
      Locale locale,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    RuleForm form = form(params);
    RuleBook.Saved saved = book.save(id, form);
    if (saved.ok()) {
      redirect.addFlashAttribute("notice", "listening.rule.saved");
      return "redirect:/admin/listening";
    }
    response.setStatus(422);
    Map<String, String> errors = new LinkedHashMap<>();
    saved.problems().forEach((field, problem) -> errors.put(field, text(problem, locale)));
    return page(model, id, form, errors);
  }

  /**
   * The saved rules whose query, exclusions or accounts no longer read (saved before a stricter
   * parser, or written to the database by hand): the engine skips them ({@link LiveRules}), so they
   * match nothing until edited.
   */
  private static java.util.Set<Long> unreadable(List<ListeningRule> rules) {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (ListeningRule rule : rules) {
      try {
        rule.spec(); // as the engine reads it
      } catch (io.parley.listening.RuleSyntaxException | NumberFormatException e) {
        ids.add(rule.getId());
      }
    }
    return ids;
  }

  private String page(Model model, Long editing, RuleForm form, Map<String, String> errors) {
    List<ListeningRule> all = book.all();
    model.addAttribute("rules", all);
    model.addAttribute("unreadable", unreadable(all));
    model.addAttribute("brands", brands.all());
    model.addAttribute(
        "brandNames",
        brands.all().stream().collect(Collectors.toMap(b -> b.id().value(), BrandSummary::name)));
    model.addAttribute("queues", routing.all());
    model.addAttribute("form", form);
    model.addAttribute("editing", editing);
    model.addAttribute("errors", errors);
    model.addAttribute("recentCapacity", recent.capacity());
    return "listening/rules";
  }

  private String text(RuleForm.Problem problem, Locale locale) {
    return messages.getMessage(problem.key(), problem.args(), problem.key(), locale);
  }

  static RuleForm form(Map<String, String> p) {
    RuleAction action;
    try {
      action = RuleAction.valueOf(p.getOrDefault("action", "WATCH"));
    } catch (IllegalArgumentException e) {
      action = null;
    }
    return new RuleForm(
        number(p.get("brandId")),
        p.getOrDefault("name", ""),
        p.getOrDefault("query", ""),
        p.get("exclusions"),
        p.get("languages"),
        p.get("networks"),
        p.get("accounts"),
        action,
        "true".equals(p.get("notify")),
        number(p.get("queueId")),
        p.get("priority"),
        p.get("skills"),
        p.get("tags"),
        !p.containsKey("name") || "true".equals(p.get("active")));
  }

  private static Long number(String value) {
    try {
      return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
