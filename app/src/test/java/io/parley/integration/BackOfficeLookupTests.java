package io.parley.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.PostalAddress;
import io.parley.customers.Tier;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The back-office lookup on the case sidebar against an HTTP stub replaying the documented order
 * payloads: answers when the system answers, says "unavailable" within its budget when the system
 * is slow, failing or down; and the public order status API that needs the buyer's email or phone.
 */
@ParleyTest
class BackOfficeLookupTests {

  @LocalServerPort int port;
  @Autowired Customers customers;

  WireMockServer erp;
  WebClient admin;
  WebClient agent;

  @BeforeEach
  void start() {
    erp = new WireMockServer(options().dynamicPort());
    erp.start();
    admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    configure(erp.baseUrl());
  }

  @AfterEach
  void stop() {
    if (erp.isRunning()) {
      erp.stop();
    }
  }

  @Test
  void theCaseSidebarShowsTheCustomersOrders() {
    String email = "wang.jun." + UUID.randomUUID() + "@example.cn";
    CustomerId customer = register(email);
    erp.stubFor(
        get(urlEqualTo(
                "/admin/api/2024-01/orders.json?email="
                    + email.replace("@", "%40")
                    + "&status=any"))
            .willReturn(okJson(payload("orders-wang-jun.json"))));

    var sidebar = agent.get("/integration/lookup/customer/" + customer.value());

    assertThat(sidebar.statusCode()).isEqualTo(200);
    assertThat(sidebar.body())
        .contains("#1001")
        .contains("fulfilled")
        .contains("Acme Phone X, Acme Phone X case")
        .contains("#1002")
        .doesNotContain("Lookup unavailable");
  }

  @Test
  void anAdminWhoClearsATimeoutIsToldWhatToEnterAndKeepsTheSettings() {
    admin.language("zh-CN").get("/admin/integration");

    var refused =
        admin.post(
            "/admin/integration",
            Map.of(
                "enabled", "true",
                "baseUrl", "https://erp.example.com/api",
                "connectTimeoutMs", "",
                "readTimeoutMs", "3000",
                "budgetMs", "1500",
                "cacheSeconds", "60"));

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("超时、等待上限和缓存时间须为整数")
        .contains("value=\"https://erp.example.com/api\"");
    // Nothing was saved: the previous settings still answer.
    admin.language("en");
    assertThat(admin.get("/admin/integration").body()).contains(erp.baseUrl());
  }

  @Test
  void aSlowThenFailingThenDownBackOfficeNeverHoldsUpTheConsole() {
    // Slow: answers long after the console's budget.
    CustomerId slow = register("slow." + UUID.randomUUID() + "@example.cn");
    erp.stubFor(
        get(urlEqualTo("/admin/api/2024-01/orders.json?email=" + emailOf(slow) + "&status=any"))
            .willReturn(okJson(payload("orders-wang-jun.json")).withFixedDelay(6_000)));
    assertUnavailable(slow);

    // Failing: 503 from the system.
    CustomerId failing = register("failing." + UUID.randomUUID() + "@example.cn");
    erp.stubFor(
        get(urlEqualTo("/admin/api/2024-01/orders.json?email=" + emailOf(failing) + "&status=any"))
            .willReturn(aResponse().withStatus(503)));
    assertUnavailable(failing);

    // Down: nothing listens any more (connection refused).
    erp.stop();
    CustomerId down = register("down." + UUID.randomUUID() + "@example.cn");
    assertUnavailable(down);

    // The rest of the case page does not depend on it.
    assertThat(agent.get("/customers/" + down.value()).statusCode()).isEqualTo(200);
  }

  @Test
  void customersLookUpTheirOrderWithTheirEmailOrPhoneOnly() {
    erp.stubFor(
        get(urlEqualTo("/admin/api/2024-01/orders.json?name=1001&status=any"))
            .willReturn(okJson(payload("order-1001.json"))));
    erp.stubFor(
        get(urlEqualTo("/admin/api/2024-01/orders.json?name=9999&status=any"))
            .willReturn(okJson("{\"orders\":[]}")));
    var visitor = new WebClient(port);

    var byEmail =
        visitor.api(
            "POST",
            "/order-status/api/lookup",
            null,
            "{\"orderNumber\":\"1001\",\"email\":\"Wang.Jun.SH@example.cn\"}");
    assertThat(byEmail.statusCode()).isEqualTo(200);
    assertThat(byEmail.body())
        .contains("\"status\":\"fulfilled\"")
        .contains("Acme Phone X")
        .doesNotContain("wang.jun.sh@example.cn")
        .doesNotContain("+8613800138000");

    var byPhone =
        visitor.api(
            "POST",
            "/order-status/api/lookup",
            null,
            "{\"orderNumber\":\"#1001\",\"phone\":\"138 0013 8000\"}");
    assertThat(byPhone.statusCode()).isEqualTo(200);

    var wrongContact =
        visitor.api(
            "POST",
            "/order-status/api/lookup",
            null,
            "{\"orderNumber\":\"1001\",\"email\":\"someone@example.com\"}");
    var unknownOrder =
        visitor.api(
            "POST",
            "/order-status/api/lookup",
            null,
            "{\"orderNumber\":\"9999\",\"email\":\"someone@example.com\"}");
    assertThat(wrongContact.statusCode()).isEqualTo(404);
    assertThat(unknownOrder.statusCode()).isEqualTo(404);
    assertThat(wrongContact.body())
        .as("no hint which of the two was wrong")
        .isEqualTo(unknownOrder.body());

    var noContact =
        visitor.api("POST", "/order-status/api/lookup", null, "{\"orderNumber\":\"1001\"}");
    assertThat(noContact.statusCode()).isEqualTo(400);

    // Guessing at one order number is cut short.
    int status = 0;
    for (int i = 0; i < 4; i++) {
      status =
          visitor
              .api(
                  "POST",
                  "/order-status/api/lookup",
                  null,
                  "{\"orderNumber\":\"1001\",\"email\":\"guess" + i + "@example.com\"}")
              .statusCode();
    }
    assertThat(status).isEqualTo(429);

    var widget = visitor.get("/order-status/widget?lang=zh-CN");
    assertThat(widget.statusCode()).isEqualTo(200);
    assertThat(widget.body()).contains("订单状态").contains("/order-status/frame.js");
  }

  private void assertUnavailable(CustomerId customer) {
    var sidebar = agent.get("/integration/lookup/customer/" + customer.value());
    assertThat(sidebar.statusCode()).isEqualTo(200);
    assertThat(sidebar.body()).contains("Lookup unavailable right now").doesNotContain("#1001");
  }

  private void configure(String baseUrl) {
    admin.get("/admin/integration");
    var saved =
        admin.post(
            "/admin/integration",
            Map.ofEntries(
                Map.entry("enabled", "true"),
                Map.entry("baseUrl", baseUrl),
                Map.entry("ordersPath", "/admin/api/2024-01/orders.json?email={email}&status=any"),
                Map.entry(
                    "orderPath", "/admin/api/2024-01/orders.json?name={orderNumber}&status=any"),
                Map.entry("assetPath", "/assets/{serial}"),
                Map.entry("ordersPointer", "/orders"),
                Map.entry("numberPointer", "/name"),
                Map.entry("statusPointer", "/fulfillment_status"),
                Map.entry("placedAtPointer", "/created_at"),
                Map.entry("itemsPointer", "/line_items"),
                Map.entry("itemNamePointer", "/title"),
                Map.entry("emailPointer", "/email"),
                Map.entry("phonePointer", "/phone"),
                Map.entry("warrantyEndPointer", "/warranty_end"),
                Map.entry("connectTimeoutMs", "300"),
                Map.entry("readTimeoutMs", "3000"),
                Map.entry("budgetMs", "1500"),
                Map.entry("cacheSeconds", "60")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("saved");
  }

  private CustomerId register(String email) {
    return customers.register(
        new NewCustomer(
            "王军",
            null,
            Tier.STANDARD,
            List.of(email),
            List.of(),
            List.of(new PostalAddress("1 Road", null, "上海", null, null, "CN")),
            List.of(),
            null));
  }

  private String emailOf(CustomerId id) {
    return customers.find(id).orElseThrow().emails().get(0).replace("@", "%40");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String payload(String name) {
    try {
      return Files.readString(
          Path.of("src/test/resources/integration/backoffice/" + name), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
