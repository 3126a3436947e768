package io.parley.conversations.internal;

import io.parley.channels.ChannelAccounts;
import io.parley.conversations.CaseQuery;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageView;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Users;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

/** The case lists and the case page of the agent console. */
@Controller
@RequestMapping("/cases")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class CaseController {

  private final Cases cases;
  private final Customers customers;
  private final Users users;
  private final Brands brands;
  private final ChannelAccounts channels;

  CaseController(
      Cases cases, Customers customers, Users users, Brands brands, ChannelAccounts channels) {
    this.cases = cases;
    this.customers = customers;
    this.users = users;
    this.brands = brands;
    this.channels = channels;
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "open") String view,
      @RequestParam(required = false) CaseStatus status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    if (!java.util.Set.of("mine", "unassigned", "open", "pending", "solved", "all")
        .contains(view)) {
      view = "open";
    }
    var result = cases.list(new CaseQuery(view, status, page, 25), CurrentUser.require());
    model.addAttribute("view", view);
    model.addAttribute("status", status);
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("result", result);
    model.addAttribute(
        "customers",
        customers.findAll(
            result.items().stream().map(CaseView::customer).filter(Objects::nonNull).toList()));
    model.addAttribute(
        "assignees",
        users.findAll(
            result.items().stream().map(CaseView::assignee).filter(Objects::nonNull).toList()));
    model.addAttribute("brands", brandsById());
    return "conversations/list";
  }

  @GetMapping("/{reference}")
  String show(@PathVariable String reference, Model model) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase =
        cases
            .findVisible(reference, me)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    var messages = cases.messages(aCase.id());
    model.addAttribute("case", aCase);
    model.addAttribute("messages", messages);
    model.addAttribute("brand", brands.find(aCase.brand()).orElseThrow());
    model.addAttribute(
        "channel",
        aCase.channelAccount() == null ? null : channels.find(aCase.channelAccount()).orElse(null));
    model.addAttribute(
        "customer",
        aCase.customer() == null ? null : customers.profile(aCase.customer()).orElse(null));
    model.addAttribute(
        "otherCases",
        aCase.customer() == null
            ? java.util.List.of()
            : cases.ofCustomer(aCase.customer(), me).stream()
                .filter(c -> !c.id().equals(aCase.id()))
                .toList());
    model.addAttribute(
        "people",
        users.findAll(
            Stream.concat(
                    Stream.of(aCase.assignee()), messages.stream().map(MessageView::authorUser))
                .filter(Objects::nonNull)
                .toList()));
    return "conversations/case";
  }

  @PostMapping("/{reference}/take")
  String take(@PathVariable String reference) {
    CurrentUser me = CurrentUser.require();
    CaseView aCase =
        cases
            .findVisible(reference, me)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    cases.assign(aCase.id(), me.id());
    return "redirect:/cases/" + reference;
  }

  /** The cases of one customer, as a fragment for the customer profile (loaded with htmx). */
  @GetMapping("/of-customer/{customerId}")
  String ofCustomer(@PathVariable long customerId, Model model) {
    model.addAttribute(
        "cases", cases.ofCustomer(new CustomerId(customerId), CurrentUser.require()));
    model.addAttribute("brands", brandsById());
    return "conversations/customer-cases :: cases";
  }

  private Map<Long, BrandSummary> brandsById() {
    return brands.all().stream()
        .collect(Collectors.toMap(b -> b.id().value(), Function.identity()));
  }
}
