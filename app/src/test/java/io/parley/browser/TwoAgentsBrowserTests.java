package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageKind;
import io.parley.conversations.NewCase;
import io.parley.customers.Customers;
import io.parley.identity.Brands;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two agents in two browsers: one works a case (macro reply, internal note, solve) while the other
 * watches it change live and is warned that someone else is on the case.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoAgentsBrowserTests {

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Customers customers;
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

  Page signIn(String username) {
    return Browsers.signIn(browser, port, username);
  }

  @Test
  void oneAgentWorksACaseWhileTheOtherSeesItLiveAndIsWarned() {
    var customer = customers.search("Emma Johnson", 0, 1).items().get(0);
    CaseView aCase =
        cases.open(
            new NewCase(
                brands.findByCode("acme-mobile").orElseThrow().id(),
                "Screen flickering after update",
                null,
                customer.id(),
                null,
                "email",
                "Since the update my screen flickers at low brightness.",
                null));
    String url = "http://localhost:" + port + "/cases/" + aCase.reference();

    Page watcher = signIn("zhou.min");
    watcher.navigate("http://localhost:" + port + "/cases?view=unassigned");
    assertThat(watcher.locator("table.cases")).containsText(aCase.reference());
    watcher.navigate(url);
    assertThat(watcher.locator(".timeline")).containsText("screen flickers");

    Page agent = signIn("li.na");
    agent.navigate("http://localhost:" + port + "/cases?view=unassigned");
    agent.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(aCase.reference())).click();
    assertThat(agent.locator("h1 .ref")).hasText(aCase.reference());

    // The watcher learns, without reloading, that 李娜 has the case open, then that she types.
    assertThat(watcher.getByTestId("collision")).containsText("李娜 is viewing this case");
    clickAndReload(agent, url, "Take this case");
    assertThat(watcher.locator("#details select#assignee"))
        .hasValue(String.valueOf(userId("li.na")));

    agent.getByLabel("Macro").selectOption(new SelectOption().setLabel("Greeting / 问候"));
    var body = agent.locator("#reply-body");
    assertThat(body)
        .hasValue("Hi Emma Johnson, thanks for reaching out about " + aCase.reference() + ". ");
    body.press("Control+End");
    body.pressSequentially("Version 3.3.1 fixes the flickering.");
    assertThat(watcher.getByTestId("collision")).containsText("李娜 is typing a reply");
    clickAndReload(agent, url, "Send");
    assertThat(agent.locator(".timeline"))
        .containsText("about " + aCase.reference() + ". Version 3.3.1 fixes the flickering. ^LN");

    assertThat(watcher.locator(".timeline"))
        .containsText("about " + aCase.reference() + ". Version 3.3.1 fixes the flickering. ^LN");

    agent.getByLabel("Internal note").check();
    agent.locator("#reply-body").fill("Linked to firmware bug FW-2231.");
    agent.getByLabel("Then set status").selectOption(CaseStatus.SOLVED.name());
    clickAndReload(agent, url, "Send");
    assertThat(agent.locator("#details select#status")).hasValue("SOLVED");

    assertThat(watcher.locator(".timeline .message-note"))
        .containsText("Linked to firmware bug FW-2231.");
    assertThat(watcher.locator("#details select#status")).hasValue("SOLVED");

    // The watcher's own reply was written on a stale view: Parley asks before sending it.
    watcher.locator("#reply-body").fill("I can take this one.");
    watcher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
    assertThat(watcher.getByTestId("stale-warning")).isVisible();
    assertThat(watcher.locator("#reply-body")).hasValue("I can take this one.");
    watcher.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/two-agents.png")));

    var messages = cases.messages(aCase.id());
    assertThat(messages).filteredOn(m -> m.kind() == MessageKind.OUTBOUND).isNotEmpty();
    assertThat(messages).noneMatch(m -> m.body().contains("I can take this one."));
    assertThat(cases.find(aCase.id()).orElseThrow().status()).isEqualTo(CaseStatus.SOLVED);
  }

  /**
   * Clicks a button whose form posts and redirects back to {@code url}, and waits for that page:
   * the live updates can refresh the old page's timeline first, so a check of it would not show
   * that the new page has come, and the next step could act on the old one and be lost with it.
   */
  static void clickAndReload(Page page, String url, String button) {
    // The old page carries a mark the reloaded one does not have: a load state or a response
    // alone could still be the old page's.
    page.evaluate("window.parleyOldPage = true");
    page.waitForResponse(
        response -> response.url().equals(url) && response.request().method().equals("GET"),
        () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button)).click());
    page.waitForFunction("() => !window.parleyOldPage && document.readyState === 'complete'");
  }

  @Autowired io.parley.identity.Users users;

  private long userId(String username) {
    return users.findByUsername(username).orElseThrow().id().value();
  }
}
