package io.parley.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.TextLimit;
import io.parley.identity.Brands;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mention on X (WireMock replaying X API v2's documented payloads) becomes a case; an agent
 * answers it publicly in the browser, watching the live counter count the way X does (signature tag
 * included); X receives exactly the reply the documentation specifies.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XMentionBrowserTests {

  static final String ME = "1500000000000000001";
  static final String MENTION = "1860000000000007001";

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;
  @Autowired JsonMapper json;

  WireMockServer x;
  ChannelAccountId account;
  Playwright playwright;
  Browser browser;

  @BeforeAll
  void start() {
    x = new WireMockServer(options().dynamicPort());
    x.start();
    x.stubFor(get(urlEqualTo("/2/users/me")).willReturn(file("users-me.json")));
    x.stubFor(get(urlPathEqualTo("/2/dm_events")).willReturn(file("dm-events-empty.json")));
    x.stubFor(
        get(urlPathEqualTo("/2/users/" + ME + "/mentions"))
            .willReturn(file("browser-mention.json")));
    x.stubFor(
        post(urlEqualTo("/2/tweets"))
            .willReturn(file("create-tweet-response.json").withStatus(201)));
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiBaseUrl", x.baseUrl());
    settings.put("userAccessToken", "x-browser-test-token");
    settings.put("directMessages", "true");
    settings.put("filteredStream", "false");
    settings.put("pollSeconds", "3600");
    account =
        accounts
            .connect(acme.id(), "x", "Acme Mobile X (browser)", "@AcmeMobileBrowserTests", settings)
            .id();
    playwright = Playwright.create();
    browser = Browsers.launch(playwright);
  }

  @AfterAll
  void stop() {
    accounts.activate(account, false);
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    x.stop();
  }

  @Test
  void aMentionBecomesACaseAndThePublicAnswerReachesXAsDocumented() {
    String reference =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jdbc
                        .queryForList(
                            "select c.reference from conversations_case c join conversations_message m"
                                + " on m.case_id = c.id where m.external_id = ?",
                            String.class,
                            MENTION)
                        .stream()
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);

    Page agent = Browsers.signIn(browser, port, "li.na");
    agent.navigate("http://localhost:" + port + "/cases/" + reference);
    assertThat(agent.getByLabel("Conversation").getByText("won't charge past 80%")).isVisible();
    assertThat(agent.getByLabel("Reply publicly")).isChecked();
    assertThat(agent.getByLabel("Reply privately (DM)")).isEnabled();

    // The counter and the server count alike: the browser's counter against TextLimit in Java.
    String rule = json.writeValueAsString(TextLimit.x().asData());
    for (String sample :
        List.of(
            "hello",
            "蓝牙无法连接",
            "see https://acme.example/support/charging?model=x2.",
            "👍🏽 thanks 👨‍👩‍👧 🇨🇳",
            "mixed 中文 and English https://a.b/c, ok")) {
      Object counted =
          agent.evaluate(
              "([rule, text]) => ParleyTextLimit.length(JSON.parse(rule), text)",
              List.of(rule, sample));
      assertThat(((Number) counted).intValue()).as(sample).isEqualTo(TextLimit.x().length(sample));
    }

    String body =
        "Hi Mia, 80% is Optimised Charging protecting the battery: https://acme.example/help/battery";
    agent.getByLabel("Message").fill(body);
    int expected = TextLimit.x().length(body + " ^LN");
    assertThat(agent.getByTestId("reply-counter")).hasText(expected + " / 280");
    agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                x.verify(
                    1,
                    postRequestedFor(urlEqualTo("/2/tweets"))
                        .withHeader("Authorization", equalTo("Bearer x-browser-test-token"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(
                            equalToJson(
                                json.writeValueAsString(
                                    Map.of(
                                        "text",
                                        body + " ^LN",
                                        "reply",
                                        Map.of("in_reply_to_tweet_id", MENTION)))))));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder file(String name) {
    try (InputStream in = XMentionBrowserTests.class.getResourceAsStream("/connectors/x/" + name)) {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("Missing payload " + name, e);
    }
  }
}
