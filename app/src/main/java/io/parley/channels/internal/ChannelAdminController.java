package io.parley.channels.internal;

import io.parley.channels.ChannelAccounts;
import io.parley.identity.Brands;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Lists the company's channel accounts for admins. Connecting accounts comes with the SPI. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ChannelAdminController {

  private final ChannelAccounts accounts;
  private final Brands brands;

  ChannelAdminController(ChannelAccounts accounts, Brands brands) {
    this.accounts = accounts;
    this.brands = brands;
  }

  @GetMapping("/admin/channels")
  String list(Model model) {
    model.addAttribute("accounts", accounts.all());
    model.addAttribute(
        "brandNames",
        brands.all().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    io.parley.identity.BrandSummary::id, io.parley.identity.BrandSummary::name)));
    return "channels/accounts";
  }
}
