package io.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyTest
class ApiTokenTests {

  @LocalServerPort int port;

  @Test
  void personalTokenIsShownOnceWorksForTheApiAndStopsWorkingWhenRevoked() {
    var browser = new WebClient(port);
    browser.login("li.na", ParleyTest.DEMO_PASSWORD);
    browser.get("/account");

    var created = browser.post("/account/tokens", Map.of("name", "CRM sync"));
    assertThat(created.statusCode()).isEqualTo(302);
    String page = browser.get("/account").body();
    var matcher = Pattern.compile("data-testid=\"new-token\">(plt_[A-Za-z0-9_-]+)<").matcher(page);
    assertThat(matcher.find()).isTrue();
    String token = matcher.group(1);
    assertThat(browser.get("/account").body()).doesNotContain(token);

    var me = browser.api("GET", "/api/v1/me", token, null);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"username\":\"li.na\"").contains("\"role\":\"AGENT\"");

    var tokenId =
        Pattern.compile("/account/tokens/(\\d+)/revoke").matcher(browser.get("/account").body());
    assertThat(tokenId.find()).isTrue();
    browser.post("/account/tokens/" + tokenId.group(1) + "/revoke", Map.of());

    assertThat(browser.api("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(401);
  }

  @Test
  void tokenOfARoleWithoutAccessGetsForbiddenProblem() {
    var partner = new WebClient(port);
    partner.login("fixit.partner", ParleyTest.DEMO_PASSWORD);
    partner.get("/account");
    partner.post("/account/tokens", Map.of("name", "partner tool"));
    var matcher =
        Pattern.compile("data-testid=\"new-token\">(plt_[A-Za-z0-9_-]+)<")
            .matcher(partner.get("/account").body());
    assertThat(matcher.find()).isTrue();

    var response = partner.api("GET", "/api/v1/customers", matcher.group(1), null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":403").doesNotContain("王军");
  }

  @Test
  void partnersAndCustomersLandOnTheirAccountNotTheAgentConsole() {
    var partner = new WebClient(port);
    assertThat(partner.login("fixit.partner", ParleyTest.DEMO_PASSWORD)).endsWith("/");
    assertThat(partner.get("/").headers().firstValue("Location").orElseThrow())
        .endsWith("/account");
    assertThat(partner.get("/cases").statusCode()).isEqualTo(403);
  }
}
