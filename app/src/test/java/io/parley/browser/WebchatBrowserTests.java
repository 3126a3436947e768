package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The web chat embedded the way a company embeds it: a page of the company's own site (another
 * origin, served here by the JDK's HTTP server) carries the one script tag. A visitor opens the
 * chat and writes; an agent in the console sees the new case, opens it and replies; the visitor
 * sees the reply arrive live in the widget.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebchatBrowserTests {

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  Playwright playwright;
  Browser browser;
  HttpServer companySite;
  ChannelAccountId chat;

  @BeforeAll
  void start() throws IOException {
    companySite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    companySite.createContext(
        "/",
        exchange -> {
          byte[] page =
              ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                      + "<title>Acme Mobile shop</title></head><body>"
                      + "<h1>Acme Mobile shop</h1><p>Phones and accessories.</p>"
                      + "<script src=\"http://localhost:"
                      + port
                      + "/chat/widget.js\" data-account=\""
                      + chat.value()
                      + "\" data-lang=\"en\" async></script>"
                      + "</body></html>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    companySite.start();
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    chat =
        accounts
            .connect(
                acme.id(),
                "webchat",
                "Acme shop chat",
                "shop.acme.example",
                Map.of(
                    "allowedOrigins",
                    "http://127.0.0.1:" + companySite.getAddress().getPort(),
                    "greeting",
                    "Hi! Ask us anything about your Acme phone."))
            .id();
    playwright = Playwright.create();
    browser = Browsers.launch(playwright);
  }

  @AfterAll
  void stop() {
    accounts.activate(chat, false);
    browser.close();
    playwright.close();
    companySite.stop(0);
  }

  Page signIn(String username) {
    return Browsers.signIn(browser, port, username);
  }

  @Test
  void aVisitorChatsFromTheCompanySiteAndTheAgentsReplyArrivesLive() {
    // 李娜 works Acme Mobile and is signed in: the chat is online.
    Page agent = signIn("li.na");
    agent.navigate("http://localhost:" + port + "/cases?view=all");

    Page visitor = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")).newPage();
    visitor.onConsoleMessage(m -> System.out.println("visitor console: " + m.text()));
    visitor.navigate("http://127.0.0.1:" + companySite.getAddress().getPort() + "/");
    Locator launcher =
        visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Chat with us"));
    launcher.click();
    assertThat(launcher).hasAttribute("aria-expanded", "true");
    FrameLocator widget = visitor.frameLocator("iframe[title='Customer chat']");
    assertThat(widget.locator("#chat-log"))
        .containsText("Hi! Ask us anything about your Acme phone.");
    assertThat(widget.locator("#chat-contact")).isHidden();

    Locator message = widget.getByLabel("Your message");
    message.fill("My new phone will not turn on after charging overnight.");
    message.press("Enter");
    assertThat(widget.locator("#chat-log li.visitor"))
        .containsText("My new phone will not turn on after charging overnight.");

    // The new case appears in the agent's list without a reload.
    Locator row =
        agent
            .locator("table.cases tr")
            .filter(new Locator.FilterOptions().setHasText("My new phone will not turn on"));
    assertThat(row).hasCount(1);
    row.getByRole(AriaRole.LINK).first().click();
    assertThat(agent.locator(".timeline"))
        .containsText("My new phone will not turn on after charging overnight.");

    // Each sees the other typing: the agent on the case page, the visitor in the widget.
    message.fill("Also the screen stays black");
    assertThat(agent.getByTestId("customer-typing")).containsText("is typing");
    agent.locator("#reply-body").fill("Please hold the power button for 15 seconds.");
    assertThat(widget.locator("#chat-typing")).containsText("李娜 is typing");
    agent.locator("#reply-body").fill("Please hold the power button for 15 seconds.");
    agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
    assertThat(agent.locator(".timeline")).containsText("hold the power button for 15 seconds");

    // The visitor sees it live, and answers on the same case.
    assertThat(widget.locator("#chat-log li.agent"))
        .containsText("Please hold the power button for 15 seconds.");
    message.fill("That worked, thank you!");
    widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Send")).click();
    assertThat(agent.locator(".timeline")).containsText("That worked, thank you!");
    visitor.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/webchat-visitor.png")));

    String reference = agent.locator("h1 .ref").textContent().strip();
    assertThat(
            jdbc.queryForList(
                "select m.kind from conversations_message m join conversations_case c"
                    + " on c.id = m.case_id where c.reference = ? order by m.id",
                String.class,
                reference))
        .containsExactly("INBOUND", "OUTBOUND", "INBOUND");
    assertThat(
            jdbc.queryForObject(
                "select delivery_status from conversations_message m join conversations_case c"
                    + " on c.id = m.case_id where c.reference = ? and m.kind = 'OUTBOUND'",
                String.class,
                reference))
        .isEqualTo("SENT");

    // Escape in the chat closes it and gives the focus back to the launcher.
    message.press("Escape");
    assertThat(launcher).hasAttribute("aria-expanded", "false");
    assertThat(launcher).isFocused();
  }

  @Test
  void aChatErasedWhileItsTabIsOpenEndsThereAndTheVisitorCanStartANewOne() {
    Page agent = signIn("li.na");
    agent.navigate("http://localhost:" + port + "/cases?view=all");
    Page visitor = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")).newPage();
    visitor.navigate("http://127.0.0.1:" + companySite.getAddress().getPort() + "/");
    visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Chat with us")).click();
    FrameLocator widget = visitor.frameLocator("iframe[title='Customer chat']");
    assertThat(widget.locator("#chat-log"))
        .containsText("Hi! Ask us anything about your Acme phone.");
    Locator message = widget.getByLabel("Your message");
    message.fill("Please delete everything you hold about me.");
    message.press("Enter");
    assertThat(widget.locator("#chat-log li.visitor")).containsText("Please delete everything");
    String erasedSession = widget.locator("#chat").getAttribute("data-session");
    Long customer =
        jdbc.queryForObject(
            "select c.customer_id from conversations_case c join conversations_message m"
                + " on m.case_id = c.id where m.body = ?",
            Long.class,
            "Please delete everything you hold about me.");

    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(
            new WebClient(port)
                .api("POST", "/api/v1/compliance/customers/" + customer + "/erasure", token, "")
                .statusCode())
        .isEqualTo(200);

    // The open tab hears of it: the chat is gone from the page, and a new one is offered.
    assertThat(widget.locator("#chat-ended"))
        .containsText("This chat has ended and its messages have been deleted.");
    assertThat(widget.locator("#chat-log li")).hasCount(0);
    assertThat(message).isHidden();
    visitor.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/webchat-ended.png")));
    widget
        .getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start a new chat"))
        .click();
    assertThat(widget.locator("#chat-log"))
        .containsText("Hi! Ask us anything about your Acme phone.");
    message.fill("Hello again.");
    message.press("Enter");
    assertThat(widget.locator("#chat-log li.visitor")).containsText("Hello again.");
    assertThat(widget.locator("#chat")).not().hasAttribute("data-session", erasedSession);
    assertThat(new WebClient(port).get("/chat/" + chat.value() + "/frame?lang=zh-CN").body())
        .contains("此对话已结束，其中的消息已被删除。")
        .contains("开始新的对话");
  }
}
