package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.parley.customers.Assets;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewAsset;
import io.parley.customers.NewCustomer;
import io.parley.customers.PostalAddress;
import io.parley.customers.Tier;
import io.parley.support.ApiTokens;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A phone rings at an agent's extension: the console pops the caller's profile (the right one of
 * two customers named 王军, told apart by the number), with warranty status; the agent opens a case
 * from the pop and the call is logged on it when it ends.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenPopBrowserTests {

  @LocalServerPort int port;
  @Autowired Customers customers;
  @Autowired Assets assets;
  Playwright playwright;
  Browser browser;

  @BeforeAll
  void start() {
    playwright = Playwright.create();
    browser = Browsers.launch(playwright);
  }

  @AfterAll
  void stop() {
    browser.close();
    playwright.close();
  }

  @Test
  void aRingingCallPopsTheRightWangJunAndTheAgentOpensACaseFromThePop() {
    String shanghaiMobile = mobile();
    String beijingMobile = mobile();
    CustomerId shanghai = wangJun("+86 " + shanghaiMobile, "上海");
    CustomerId beijing = wangJun("+86 " + beijingMobile, "北京");
    assets.record(
        shanghai,
        new NewAsset(
            "Acme Phone X",
            "SN-" + UUID.randomUUID(),
            "A-1001",
            LocalDate.now().minusMonths(3),
            "Tmall",
            LocalDate.now().plusMonths(21)));
    assets.record(
        beijing,
        new NewAsset(
            "Acme Home Hub",
            "SN-" + UUID.randomUUID(),
            "A-0901",
            LocalDate.now().minusYears(3),
            "JD",
            LocalDate.now().minusYears(1)));
    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var api = new WebClient(port);
    assertThat(
            api.api("PUT", "/api/v1/cti/extensions/li.na", token, "{\"extension\":\"8801\"}")
                .statusCode())
        .isEqualTo(204);

    Page agent = Browsers.signIn(browser, port, "li.na");
    // The console listens for pops on its live stream; be sure it is connected before the call.
    agent.waitForResponse(
        r -> r.url().endsWith("/cases/stream"),
        () -> agent.navigate("http://localhost:" + port + "/cases"));

    String call = "call-" + UUID.randomUUID();
    String caller = "0086 " + shanghaiMobile.substring(0, 3) + " " + shanghaiMobile.substring(3);
    Instant ringing = Instant.now();
    assertThat(event(api, token, "ringing", call, caller, ringing).statusCode()).isEqualTo(202);

    var pop = agent.locator("[data-testid=screen-pop]");
    assertThat(pop).isVisible();
    assertThat(pop).containsText("王军");
    assertThat(pop.locator("[data-testid=pop-hint]")).containsText("上海");
    assertThat(pop.locator("[data-testid=pop-hint]")).containsText(shanghaiMobile.substring(7));
    assertThat(pop).not().containsText("北京");
    assertThat(pop.locator("[data-testid=pop-asset]")).containsText("Acme Phone X");
    assertThat(pop.locator("[data-testid=pop-asset]")).containsText("In warranty");

    pop.getByRole(
            AriaRole.BUTTON,
            new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Open a case"))
        .click();

    agent.waitForURL(url -> url.matches(".*/cases/[A-Z]+-\\d+$"));
    assertThat(agent.locator("h1")).containsText("Phone call from +86" + shanghaiMobile);
    assertThat(agent.locator("[data-testid=customer-card]")).containsText("In warranty");
    assertThat(agent.locator("[data-testid=customer-card]")).containsText("上海");

    assertThat(event(api, token, "answered", call, caller, ringing.plusSeconds(5)).statusCode())
        .isEqualTo(202);
    var ended = event(api, token, "ended", call, caller, ringing.plusSeconds(130));
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(202);
    agent.reload();
    assertThat(agent.locator(".timeline")).containsText("duration 2:05");
  }

  private static java.net.http.HttpResponse<String> event(
      WebClient api, String token, String type, String call, String caller, Instant at) {
    return api.api(
        "POST",
        "/api/v1/cti/events",
        token,
        "{\"type\":\""
            + type
            + "\",\"callId\":\""
            + call
            + "\",\"caller\":\""
            + caller
            + "\",\"callee\":\"4008001234\",\"extension\":\"8801\",\"at\":\""
            + at
            + "\"}");
  }

  private CustomerId wangJun(String phone, String city) {
    return customers.register(
        new NewCustomer(
            "王军",
            "zh-CN",
            Tier.STANDARD,
            List.of(),
            List.of(phone),
            List.of(new PostalAddress("1 路", null, city, null, null, "CN")),
            List.of(),
            null));
  }

  private static String mobile() {
    return "137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
  }
}
