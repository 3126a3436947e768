package io.parley.customers.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.CustomerProfile;
import io.parley.customers.CustomerRejected;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Customer list, search, profile, create and edit in the console. */
@Controller
@RequestMapping("/customers")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class CustomerController {

  private final Customers customers;
  private final io.parley.customers.IdentityResolution resolution;
  private final io.parley.customers.Assets assets;

  CustomerController(
      Customers customers,
      io.parley.customers.IdentityResolution resolution,
      io.parley.customers.Assets assets) {
    this.customers = customers;
    this.resolution = resolution;
    this.assets = assets;
  }

  @ModelAttribute("stages")
  io.parley.customers.Stage[] stages() {
    return io.parley.customers.Stage.values();
  }

  @ModelAttribute("tiers")
  Tier[] tiers() {
    return Tier.values();
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(required = false) io.parley.customers.Stage stage,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("q", q);
    model.addAttribute("stage", stage);
    model.addAttribute("result", customers.search(q, stage, page, 25));
    return "customers/list";
  }

  @GetMapping("/new")
  String createForm(Model model) {
    model.addAttribute("form", new CustomerForm());
    return "customers/form";
  }

  @PostMapping
  String create(@ModelAttribute("form") CustomerForm form, Model model) {
    try {
      CustomerId id =
          customers.register(
              new NewCustomer(
                  form.getDisplayName(),
                  form.getLanguage(),
                  form.getTier(),
                  form.emailList(),
                  form.phoneList(),
                  form.addressList(),
                  List.of(),
                  form.getNotes()));
      return "redirect:/customers/" + id.value();
    } catch (CustomerRejected e) {
      model.addAttribute("error", e.messageKey());
      model.addAttribute("errorArgs", e.arguments());
      return "customers/form";
    }
  }

  @GetMapping("/{id}")
  String show(@PathVariable long id, Model model) {
    CustomerProfile profile =
        customers
            .open(
                new CustomerId(id),
                io.parley.identity.CurrentUser.get().map(u -> u.id()).orElse(null),
                "console")
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("customer", profile);
    model.addAttribute("summary", profile.summary());
    model.addAttribute("candidates", resolution.candidates(new CustomerId(id)));
    model.addAttribute("merges", resolution.merges(new CustomerId(id)));
    model.addAttribute("assets", assets.ofCustomer(new CustomerId(id)));
    model.addAttribute("today", java.time.LocalDate.now());
    model.addAttribute("assetForm", new AssetForm());
    return "customers/profile";
  }

  /** The customer's card on the case page: who they are, what they own, who they may be. */
  @GetMapping("/{id}/card")
  String card(@PathVariable long id, @RequestParam(defaultValue = "") String back, Model model) {
    CustomerProfile profile = load(id);
    model.addAttribute("summary", profile.summary());
    model.addAttribute("candidates", resolution.candidates(new CustomerId(id)));
    model.addAttribute("assets", assets.ofCustomer(new CustomerId(id)));
    model.addAttribute("today", java.time.LocalDate.now());
    model.addAttribute("back", safeBack(back, id));
    return "customers/card :: card";
  }

  @PostMapping("/{id}/convert")
  String convert(@PathVariable long id) {
    try {
      customers.convertToContact(new CustomerId(id));
    } catch (CustomerRejected e) {
      // Gone meanwhile (merged away, erased) or a made-up address: not a server error.
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return "redirect:/customers/" + id;
  }

  @PostMapping("/{id}/crm")
  String linkCrm(
      @PathVariable long id,
      @RequestParam String reference,
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
    try {
      customers.linkCrm(new CustomerId(id), reference);
    } catch (CustomerRejected e) {
      flash.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:/customers/" + id;
  }

  @PostMapping("/{id}/assets")
  String addAsset(
      @PathVariable long id,
      @ModelAttribute AssetForm form,
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
    try {
      assets.record(new CustomerId(id), form.toAsset());
    } catch (CustomerRejected | java.time.format.DateTimeParseException e) {
      flash.addFlashAttribute(
          "error", e instanceof CustomerRejected r ? r.messageKey() : "asset.import.date");
    }
    return "redirect:/customers/" + id;
  }

  @PostMapping("/{id}/merge")
  String mergeInto(
      @PathVariable long id,
      @RequestParam String target,
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
    try {
      var number = java.util.regex.Pattern.compile("(?i)C-?(\\d{1,12})").matcher(target.strip());
      long targetId =
          number.matches() ? Long.parseLong(number.group(1)) : Long.parseLong(target.strip());
      resolution.merge(new CustomerId(id), new CustomerId(targetId), actor());
      return "redirect:/customers/" + targetId;
    } catch (CustomerRejected e) {
      flash.addFlashAttribute("error", e.messageKey());
    } catch (NumberFormatException e) {
      flash.addFlashAttribute("error", "customer.notFound");
    }
    return "redirect:/customers/" + id;
  }

  @PostMapping("/candidates/{candidate}/confirm")
  String confirm(
      @PathVariable long candidate,
      @RequestParam(defaultValue = "") String back,
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
    try {
      var merge = resolution.confirm(candidate, actor());
      return "redirect:" + safeBack(back, merge.target().value());
    } catch (CustomerRejected e) {
      flash.addFlashAttribute("error", e.messageKey());
      return "redirect:" + safeBack(back, 0);
    }
  }

  @PostMapping("/candidates/{candidate}/dismiss")
  String dismiss(
      @PathVariable long candidate,
      @RequestParam(defaultValue = "") String back,
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
    try {
      resolution.dismiss(candidate, actor());
    } catch (CustomerRejected e) {
      flash.addFlashAttribute("error", e.messageKey());
    }
    return "redirect:" + safeBack(back, 0);
  }

  @PostMapping("/merges/{merge}/undo")
  String unmerge(
      @PathVariable long merge,
      org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
    try {
      var undone = resolution.unmerge(merge, actor());
      return "redirect:/customers/" + undone.source().value();
    } catch (CustomerRejected e) {
      flash.addFlashAttribute("error", e.messageKey());
      return "redirect:/customers";
    }
  }

  /** Only back to a console page of ours (no open redirect). */
  private static String safeBack(String back, long customer) {
    if (back != null && back.matches("/(cases|customers)/[A-Za-z0-9\\-]{1,40}")) {
      return back;
    }
    return customer > 0 ? "/customers/" + customer : "/customers";
  }

  private static Long actor() {
    return io.parley.identity.CurrentUser.get().map(u -> u.id().value()).orElse(null);
  }

  @GetMapping("/{id}/edit")
  String editForm(@PathVariable long id, Model model) {
    model.addAttribute("customerId", id);
    model.addAttribute("form", CustomerForm.of(load(id)));
    return "customers/form";
  }

  @PostMapping("/{id}")
  String update(@PathVariable long id, @ModelAttribute("form") CustomerForm form, Model model) {
    load(id);
    try {
      customers.update(
          new CustomerId(id),
          CustomerProfile.edited(
              form.getDisplayName(),
              form.getLanguage(),
              form.getTier(),
              form.getNotes(),
              form.emailList(),
              form.phoneList(),
              form.addressList()));
      return "redirect:/customers/" + id;
    } catch (CustomerRejected e) {
      model.addAttribute("customerId", id);
      model.addAttribute("error", e.messageKey());
      model.addAttribute("errorArgs", e.arguments());
      return "customers/form";
    }
  }

  private CustomerProfile load(long id) {
    return customers
        .profile(new CustomerId(id))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
