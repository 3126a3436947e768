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

  CustomerController(Customers customers) {
    this.customers = customers;
  }

  @ModelAttribute("tiers")
  Tier[] tiers() {
    return Tier.values();
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("q", q);
    model.addAttribute("result", customers.search(q, page, 25));
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
    model.addAttribute(
        "customer",
        customers
            .open(
                new CustomerId(id),
                io.parley.identity.CurrentUser.get().map(u -> u.id()).orElse(null),
                "console")
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "customers/profile";
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
