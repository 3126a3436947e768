package io.parley.console.internal;

import io.parley.conversations.CaseQuery;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.customers.Customers;
import io.parley.identity.CurrentUser;
import io.parley.identity.Users;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The inbox: what needs the signed-in agent's attention now. */
@Controller
class HomeController {

  private final Cases cases;
  private final Customers customers;
  private final Users users;

  HomeController(Cases cases, Customers customers, Users users) {
    this.cases = cases;
    this.customers = customers;
    this.users = users;
  }

  @GetMapping("/")
  String inbox(Model model) {
    CurrentUser me = CurrentUser.require();
    if (!me.isStaff()) {
      return "redirect:/account";
    }
    var mine = cases.list(new CaseQuery("mine", null, 0, 10), me);
    var unassigned = cases.list(new CaseQuery("unassigned", null, 0, 10), me);
    var open = cases.list(new CaseQuery("open", null, 0, 1), me);
    var pending = cases.list(new CaseQuery("pending", null, 0, 1), me);
    model.addAttribute("mine", mine);
    model.addAttribute("unassigned", unassigned);
    model.addAttribute("openCount", open.total());
    model.addAttribute("pendingCount", pending.total());
    model.addAttribute(
        "customers",
        customers.findAll(
            java.util.stream.Stream.concat(mine.items().stream(), unassigned.items().stream())
                .map(CaseView::customer)
                .filter(Objects::nonNull)
                .toList()));
    model.addAttribute(
        "assignees",
        users.findAll(
            java.util.stream.Stream.concat(mine.items().stream(), unassigned.items().stream())
                .map(CaseView::assignee)
                .filter(Objects::nonNull)
                .toList()));
    return "console/inbox";
  }
}
