package io.parley.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import io.parley.entitlements.internal.ServiceTierRepository;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin pages define hours, tiers and contracts; agents see the clocks in the console. */
@ParleyTest
class SlaPagesTests {

  @LocalServerPort int port;
  @Autowired Brands brands;
  @Autowired Customers customers;
  @Autowired Cases cases;
  @Autowired ServiceTierRepository tiers;

  @Test
  void anAdminSetsHoursATierAndAContractAndAgentsSeeTheClocks() {
    BrandSummary brand = brands.register("sla-pages", "SLA Pages", "SLP");
    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);

    admin.get("/admin/business-hours");
    var badHours =
        admin.post(
            "/admin/business-hours/" + brand.id().value(),
            Map.of("zone", "Asia/Shanghai", "day_MONDAY", "9 to 6"));
    assertThat(badHours.statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/business-hours").body()).contains("Write hours as 09:00-18:00");
    admin.post(
        "/admin/business-hours/" + brand.id().value(),
        Map.of("zone", "Asia/Shanghai", "day_MONDAY", "09:00-12:00, 13:00-18:00"));
    admin.post(
        "/admin/business-hours/" + brand.id().value() + "/holidays",
        Map.of("day", "2027-10-01", "name", "国庆节"));
    String hours = admin.get("/admin/business-hours").body();
    assertThat(hours).contains("09:00-12:00, 13:00-18:00").contains("国庆节").contains("2027-10-01");

    admin.get("/admin/tiers");
    admin.post("/admin/tiers", Map.of("code", "no spaces!", "name", "Bad"));
    assertThat(admin.get("/admin/tiers").body()).contains("The code needs 1 to 30 letters");
    admin.post(
        "/admin/tiers",
        Map.of(
            "code", "PAGES",
            "name", "Pages Diamond",
            "rankOrder", "0",
            "aroundTheClock", "true",
            "firstResponseMinutes", "1",
            "resolutionMinutes", "600",
            "notifyOnBreach", "true"));
    var tier = tiers.findByCode("PAGES").orElseThrow();
    assertThat(tier.isAroundTheClock()).isTrue();
    assertThat(admin.get("/admin/tiers").body()).contains("Pages Diamond");

    CustomerId customer =
        customers.register(
            new NewCustomer(
                "Pages Customer",
                "en",
                Tier.STANDARD,
                List.of("pages@example.com"),
                List.of(),
                List.of(),
                List.of(),
                null));
    admin.get("/admin/contracts?customer=" + customer.value());
    admin.post(
        "/admin/contracts",
        Map.of(
            "customerId", Long.toString(customer.value()),
            "tierId", Long.toString(tier.getId()),
            "name", "Diamond 2026",
            "startsOn", LocalDate.now().minusDays(1).toString(),
            "endsOn", "2025-01-01"));
    assertThat(admin.get("/admin/contracts?customer=" + customer.value()).body())
        .contains("Give valid dates");
    admin.post(
        "/admin/contracts",
        Map.of(
            "customerId", Long.toString(customer.value()),
            "tierId", Long.toString(tier.getId()),
            "name", "Diamond 2026",
            "startsOn", LocalDate.now().minusDays(1).toString()));
    assertThat(admin.get("/sla/customers/" + customer.value()).body())
        .contains("Pages Diamond")
        .contains("by contract")
        .contains("Diamond 2026");

    var aCase =
        cases.open(
            new NewCase(
                brand.id(),
                "Screen cracked",
                Priority.NORMAL,
                customer,
                null,
                "email",
                "Help",
                null));

    var agent = new WebClient(port);
    agent.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    String sidebar = agent.get("/sla/cases/" + aCase.reference()).body();
    assertThat(sidebar)
        .contains("Pages Diamond")
        .contains("data-metric=\"FIRST_RESPONSE\"")
        .contains("data-metric=\"RESOLUTION\"")
        .contains("left");
    assertThat(agent.get("/cases/" + aCase.reference()).body())
        .contains("/sla/cases/" + aCase.reference());
    assertThat(agent.get("/sla").body()).contains("data-reference=\"" + aCase.reference() + "\"");

    var chinese = new WebClient(port).language("zh-CN");
    chinese.login("zhou.min", ParleyTest.DEMO_PASSWORD);
    assertThat(chinese.get("/sla/cases/" + aCase.reference()).body()).contains("首次响应");
    assertThat(chinese.get("/sla").body()).contains("SLA 风险");
  }

  @Test
  void customersAndAgentsCannotChangeTiers() {
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    assertThat(agent.get("/admin/tiers").statusCode()).isEqualTo(403);
    var customer = new WebClient(port);
    customer.login("wang.jun", ParleyTest.DEMO_PASSWORD);
    assertThat(customer.get("/sla").statusCode()).isIn(302, 403);
  }
}
