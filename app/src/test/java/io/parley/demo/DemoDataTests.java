package io.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelAccountSummary;
import io.parley.channels.ChannelAccounts;
import io.parley.conversations.CaseQuery;
import io.parley.conversations.Cases;
import io.parley.customers.CustomerSummary;
import io.parley.customers.Customers;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ParleyTest;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ParleyTest
class DemoDataTests {

  @Autowired Brands brands;
  @Autowired Users users;
  @Autowired Customers customers;
  @Autowired ChannelAccounts channels;
  @Autowired Cases cases;

  @Test
  void acmeHasTwoBrandsAndOneUserPerRole() {
    assertThat(brands.all()).extracting(BrandSummary::name).contains("Acme Mobile", "Acme Home");
    for (String username : DemoCatalog.USERNAMES) {
      assertThat(users.findByUsername(username)).as(username).isPresent();
    }
    assertThat(
            DemoCatalog.USERNAMES.stream()
                .map(u -> users.findByUsername(u).orElseThrow().role())
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Role.values());
  }

  @Test
  void severalCustomersShareTheName王军AndCanBeToldApart() {
    var wangs = customers.search("王军", 0, 50).items();

    assertThat(wangs).hasSizeGreaterThanOrEqualTo(3);
    assertThat(wangs.stream().map(CustomerSummary::distinguishingHint).distinct())
        .hasSameSizeAs(wangs);
    assertThat(customers.search("", 0, 100).total()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void twoHundredCasesAcrossChannelsInEveryState() {
    var admin = new CurrentUser(new UserId(0), "admin", "Admin", Role.ADMIN, Set.of());
    var all = cases.list(new CaseQuery("all", null, 0, 100), admin);

    assertThat(all.total()).isGreaterThanOrEqualTo(200);
    assertThat(channels.all().stream().map(ChannelAccountSummary::type).collect(Collectors.toSet()))
        .contains("email", "weibo", "wechat", "x", "webchat", "phone");
    assertThat(cases.list(new CaseQuery("unassigned", null, 0, 1), admin).total()).isPositive();
    assertThat(cases.list(new CaseQuery("solved", null, 0, 1), admin).total()).isPositive();
    assertThat(cases.list(new CaseQuery("pending", null, 0, 1), admin).total()).isPositive();
  }

  @Test
  void anAgentSeesOnlyTheCasesOfTheirBrands() {
    var sam = users.findByUsername("sam.taylor").orElseThrow();
    var mobile = brands.findByCode("acme-mobile").orElseThrow();
    var viewer =
        new CurrentUser(
            sam.id(), sam.username(), sam.displayName(), Role.AGENT, Set.of(mobile.id()));

    var visible = cases.list(new CaseQuery("all", null, 0, 100), viewer);

    assertThat(visible.items()).isNotEmpty().allMatch(c -> c.brand().equals(mobile.id()));
    assertThat(cases.findVisible("HOME-1001", viewer)).isEmpty();
  }
}
