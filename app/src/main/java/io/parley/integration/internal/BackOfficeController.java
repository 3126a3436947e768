package io.parley.integration.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.integration.BackOfficeLookups;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The back-office orders on the case sidebar, loaded after the page (htmx) and answered within the
 * lookup budget: what the system said, or that the lookup is unavailable right now.
 */
@Controller
@RequestMapping("/integration/lookup")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
class BackOfficeController {

  private final BackOfficeLookups lookups;
  private final Customers customers;

  BackOfficeController(BackOfficeLookups lookups, Customers customers) {
    this.lookups = lookups;
    this.customers = customers;
  }

  @GetMapping("/customer/{id}")
  String orders(@PathVariable long id, Model model) {
    var customer =
        customers
            .find(new CustomerId(id))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("lookup", lookups.ordersOf(customer));
    return "integration/lookup :: orders";
  }
}
