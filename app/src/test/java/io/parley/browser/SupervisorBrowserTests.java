package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.NewUser;
import io.parley.identity.PresenceStatus;
import io.parley.identity.Presences;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.routing.Routing;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A supervisor watches the board update live (a new waiting case, an agent stepping away) and sets
 * their own presence from the console header.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorBrowserTests {

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Users users;
  @Autowired Presences presences;
  @Autowired Routing routing;
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

  /** A new agent of {@code brand}. */
  private UserId agentOf(BrandSummary brand, String username, String name) {
    return users
        .register(
            new NewUser(
                username,
                name,
                username + "@acme.example",
                Role.AGENT,
                "a-long-password-1",
                null,
                Set.of(brand.id())))
        .id();
  }

  @Test
  void theBoardFollowsQueuesAndAgentsLiveAndTheHeaderSetsPresence() {
    BrandSummary brand = brands.register("board-live", "Board Live", "BLV");
    UserId agent = agentOf(brand, "board.agent", "Board Agent");
    presences.set(agent, PresenceStatus.ONLINE);
    var queue = routing.create(brand.id(), "Live board", false, true, List.of(agent));
    Page page = Browsers.signIn(browser, port, "zhou.min");
    page.navigate("http://localhost:" + port + "/supervisor");
    var waiting = page.locator("tr[data-queue='" + queue.id() + "'] td.waiting");
    assertThat(waiting).hasText("0");

    cases.open(new NewCase(brand.id(), "", null, null, null, "email", "Live?", null));

    assertThat(waiting).hasText("1");
    var row = page.locator("tr[data-agent='" + agent.value() + "']");
    assertThat(row).containsText("Online");
    presences.set(agent, PresenceStatus.AWAY);
    assertThat(row).containsText("Away");

    page.getByLabel("Presence").selectOption("AWAY");
    UserId zhou = users.findByUsername("zhou.min").orElseThrow().id();
    await().atMost(Duration.ofSeconds(20)).until(() -> presences.of(zhou) == PresenceStatus.AWAY);
    assertThat(page.locator("#presence-picker .presence-dot")).hasClass("presence-dot away");
    page.getByLabel("Presence").selectOption("ONLINE");
    await().atMost(Duration.ofSeconds(20)).until(() -> presences.of(zhou) == PresenceStatus.ONLINE);
    assertThat(presences.of(zhou)).isEqualTo(PresenceStatus.ONLINE);
  }

  @Test
  void aBusyBoardFitsTheWindow() {
    BrandSummary brand = brands.register("board-busy", "Board Busy", "BBUSY");
    UserId agent = agentOf(brand, "busy.agent", "Busy Agent");
    routing.create(brand.id(), "Busy board", false, true, List.of(agent));
    for (int i = 0; i < 40; i++) {
      var aCase =
          cases.open(new NewCase(brand.id(), "", null, null, null, "email", "Busy " + i, null));
      cases.update(
          aCase.id(),
          new io.parley.conversations.CaseUpdate(null, null, null, agent, false, null),
          null,
          null);
    }
    Page page = Browsers.signIn(browser, port, "zhou.min");
    page.setViewportSize(1280, 800);
    page.navigate("http://localhost:" + port + "/supervisor");
    var row = page.locator("tr[data-agent='" + agent.value() + "']");
    assertThat(row).containsText("Busy Agent");

    Object wide = page.evaluate("document.documentElement.scrollWidth");
    assertThat(((Number) wide).intValue()).isLessThanOrEqualTo(1280);
    assertThat(row).containsText("+ 30 more");
  }
}
