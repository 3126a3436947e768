package io.parley.entitlements.internal;

import io.parley.conversations.Cases;
import io.parley.customers.CustomerId;
import io.parley.identity.CurrentUser;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The "SLA at risk" page, and the SLA parts of the case page and the customer profile (fragments
 * those pages load).
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class SlaController {

  private final SlaViews views;
  private final Cases cases;
  private final Tiers tiers;
  private final ContractRepository contracts;
  private final ServiceTierRepository serviceTiers;
  private final Clock clock;

  SlaController(
      SlaViews views,
      Cases cases,
      Tiers tiers,
      ContractRepository contracts,
      ServiceTierRepository serviceTiers,
      Clock clock) {
    this.views = views;
    this.cases = cases;
    this.tiers = tiers;
    this.contracts = contracts;
    this.serviceTiers = serviceTiers;
    this.clock = clock;
  }

  @GetMapping("/sla")
  String atRisk(Model model) {
    CurrentUser me = CurrentUser.require();
    model.addAttribute("clocks", views.atRisk(me, 200));
    model.addAttribute("alerts", views.recentAlerts(me));
    return "entitlements/at-risk";
  }

  @GetMapping("/sla/cases/{reference}")
  String ofCase(@PathVariable String reference, Model model) {
    var aCase =
        cases
            .findVisible(reference, CurrentUser.require())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("clocks", views.ofCase(aCase));
    model.addAttribute("tier", views.tierOfCase(aCase.id()).orElse(null));
    return "entitlements/fragments :: caseSla";
  }

  @GetMapping("/sla/customers/{id}")
  String ofCustomer(@PathVariable long id, Model model) {
    CustomerId customer = new CustomerId(id);
    model.addAttribute("customerId", id);
    model.addAttribute(
        "entitled",
        tiers.of(customer, LocalDate.now(clock)).map(Tiers.Entitled::summary).orElse(null));
    model.addAttribute("contracts", contracts.findByCustomerIdOrderByStartsOnDesc(id));
    model.addAttribute("today", LocalDate.now(clock));
    model.addAttribute("tiersById", tiersById());
    return "entitlements/fragments :: customerTier";
  }

  private Map<Long, ServiceTier> tiersById() {
    return serviceTiers.findAll().stream()
        .collect(Collectors.toMap(ServiceTier::getId, Function.identity()));
  }
}
