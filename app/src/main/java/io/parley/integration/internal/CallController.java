package io.parley.integration.internal;

import io.parley.conversations.CaseStatus;
import io.parley.conversations.Cases;
import io.parley.customers.Assets;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.integration.CallEvents;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The screen pop of a ringing call, and opening a case from it. */
@Controller
@RequestMapping("/integration/calls")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class CallController {

  private static final EnumSet<CaseStatus> OPEN =
      EnumSet.of(
          CaseStatus.NEW,
          CaseStatus.OPEN,
          CaseStatus.PENDING_CUSTOMER,
          CaseStatus.PENDING_INTERNAL);

  private final CallEvents calls;
  private final Assets assets;
  private final Cases cases;
  private final Brands brands;

  CallController(CallEvents calls, Assets assets, Cases cases, Brands brands) {
    this.calls = calls;
    this.assets = assets;
    this.cases = cases;
    this.brands = brands;
  }

  /** One caller on the pop: who they are, what they own, what is open for them. */
  record Caller(
      io.parley.customers.CustomerSummary customer,
      List<io.parley.customers.AssetView> assets,
      List<io.parley.conversations.CaseView> openCases) {}

  @GetMapping("/{id}/pop")
  String pop(@PathVariable long id, Model model) {
    var call = load(id);
    CurrentUser me = CurrentUser.require();
    Map<Long, Caller> callers = new LinkedHashMap<>();
    for (var c : call.callers()) {
      callers.put(
          c.id().value(),
          new Caller(
              c,
              assets.ofCustomer(c.id()),
              cases.ofCustomer(c.id(), me).stream()
                  .filter(k -> OPEN.contains(k.status()))
                  .toList()));
    }
    model.addAttribute("call", call);
    model.addAttribute("callers", callers.values());
    model.addAttribute("today", java.time.LocalDate.now());
    return "integration/pop :: pop";
  }

  @PostMapping("/{id}/case")
  String openCase(@PathVariable long id, @RequestParam(required = false) Long customer) {
    var call = load(id);
    CurrentUser me = CurrentUser.require();
    if (customer != null
        && call.callers().stream().noneMatch(c -> c.id().value() == customer.longValue())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
    BrandId brand =
        me.brands().stream()
            .sorted(java.util.Comparator.comparing(BrandId::value))
            .findFirst()
            .orElseGet(() -> brands.all().get(0).id());
    var opened =
        calls.openCase(id, me.id(), brand, customer == null ? null : new CustomerId(customer));
    return "redirect:/cases/" + opened.reference();
  }

  private CallEvents.CallView load(long id) {
    return calls.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
