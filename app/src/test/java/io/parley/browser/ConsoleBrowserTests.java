package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person in a real browser: sign in, switch languages, open a case, sign out. */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests {

  @LocalServerPort int port;
  Playwright playwright;
  Browser browser;
  BrowserContext context;
  Page page;

  @BeforeAll
  void startBrowser() {
    playwright = Playwright.create();
    browser = Browsers.launch(playwright);
  }

  @AfterAll
  void stopBrowser() {
    browser.close();
    playwright.close();
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"));
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void agentSignsInSwitchesToChineseAndBackOpensACaseAndSignsOut() {
    page.navigate(url("/cases"));
    assertThat(page).hasURL(url("/login"));

    page.getByLabel("User name").fill("li.na");
    page.getByLabel("Password").fill(ParleyTest.DEMO_PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Cases")))
        .isVisible();

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("中文")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("工单")))
        .isVisible();
    assertThat(page.locator("nav[aria-label='主导航']")).containsText("收件箱");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("全部工单")).click();
    assertThat(page).hasURL(url("/cases?view=all"));
    assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();
    assertThat(page.locator("nav[aria-label='Main navigation']")).containsText("Inbox");

    var firstCase = page.locator("table.cases tbody tr").first().locator("td a").first();
    String reference = firstCase.textContent();
    firstCase.click();
    assertThat(page.locator("h1 .ref")).hasText(reference);
    assertThat(page.locator(".timeline .message").first()).isVisible();
    assertThat(page.locator("aside.sidebar h2")).not().isEmpty();

    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/case.png")));

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page).hasURL(url("/login?logout"));
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("You have signed out.");
    page.navigate(url("/cases"));
    assertThat(page).hasURL(url("/login"));
  }

  @Test
  void theConsoleFollowsTheBrowserLanguageUntilTheUserChooses() {
    BrowserContext chinese = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"));
    try {
      Page zh = chinese.newPage();
      zh.navigate(url("/login"));
      assertThat(zh.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("登录")))
          .isVisible();
      zh.getByLabel("用户名").fill("zhou.min");
      zh.getByLabel("密码").fill(ParleyTest.DEMO_PASSWORD);
      zh.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
      assertThat(zh.locator("h1")).hasText("周敏，您好");
    } finally {
      chinese.close();
    }
  }

  @Test
  void onAPhoneTheNavigationFoldsIntoAMenu() {
    BrowserContext phone =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("en-US"));
    try {
      Page small = phone.newPage();
      small.navigate(url("/login"));
      // Signed out there is no navigation, so no menu button that opens nothing.
      assertThat(small.locator(".nav-toggle-label")).hasCount(0);
      small.getByLabel("User name").fill("li.na");
      small.getByLabel("Password").fill(ParleyTest.DEMO_PASSWORD);
      small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      small.waitForURL(url("/"));
      var nav = small.locator("nav[aria-label='Main navigation']");
      assertThat(nav).isHidden();
      small.getByText("Menu").click();
      assertThat(nav).isVisible();
      double width =
          ((Number) small.evaluate("document.documentElement.scrollWidth")).doubleValue();
      assertThat(width).isLessThanOrEqualTo(390);

      // A case fits the phone too: nothing of its messages is cut off at the right edge.
      small.navigate(url("/cases/ACME-1001"));
      assertThat(small.locator("#composer")).isVisible();
      double caseWidth =
          ((Number) small.evaluate("document.documentElement.scrollWidth")).doubleValue();
      assertThat(caseWidth).isLessThanOrEqualTo(390);
    } finally {
      phone.close();
    }
  }

  @Test
  void aMessageStartsWhereItsCardStartsNotAfterABlankLineAndAnIndent() {
    Page agent = Browsers.signIn(browser, port, "li.na");
    try {
      agent.navigate(url("/cases/ACME-1001"));
      var text = agent.locator(".timeline .message .body").first();
      assertThat(text).isVisible();
      String shown = text.innerText();
      assertThat(shown).isNotBlank().isEqualTo(shown.strip());
    } finally {
      agent.context().close();
    }
  }

  @Test
  void caseReferencesStayOnOneLineAndMentionsAreCardsWithoutBullets() {
    Page agent = Browsers.signIn(browser, port, "li.na");
    try {
      agent.navigate(url("/"));
      var reference = agent.locator("table.cases a.ref").first();
      assertThat(reference).isVisible();
      // An inline link broken over two lines ("ACME-" / "1130") has two boxes.
      assertThat(((Number) reference.evaluate("e => e.getClientRects().length")).intValue())
          .isEqualTo(1);
      agent.navigate(url("/listening/mentions"));
      assertThat(agent.locator("ul.mentions")).hasCSS("list-style-type", "none");
    } finally {
      agent.context().close();
    }
  }

  @Test
  void signingInAndOpeningACaseLeaveNoErrorsInTheBrowserConsole() {
    var errors = new java.util.concurrent.CopyOnWriteArrayList<String>();
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error")) {
            errors.add(m.text() + " " + m.location());
          }
        });
    // The browser asks for the site's icon on the first page it shows; a missing icon was a 404.
    page.navigate(url("/login"));
    page.getByLabel("User name").fill("li.na");
    page.getByLabel("Password").fill(ParleyTest.DEMO_PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(url("/"));
    page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    page.navigate(url("/cases/ACME-1001"));
    page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);

    assertThat(errors).isEmpty();
  }

  @Test
  void buttonsThatLookLikeLinksAreReadableOnTheirBackground() {
    Page supervisor = Browsers.signIn(browser, port, "zhou.min");
    try {
      supervisor.navigate(url("/compliance/lexicon"));
      var show = supervisor.locator("main button.link").first(); // the brand picker's "Show"
      assertThat(show).isVisible();
      assertThat(contrast(show)).as("Show on the page").isGreaterThanOrEqualTo(3.0);
      var signOut = supervisor.locator(".topbar button.link");
      assertThat(contrast(signOut)).as("Sign out in the top bar").isGreaterThanOrEqualTo(3.0);
    } finally {
      supervisor.context().close();
    }
  }

  /** WCAG contrast ratio between an element's text and the first opaque background behind it. */
  private static double contrast(com.microsoft.playwright.Locator element) {
    return ((Number)
            element.evaluate(
                """
                e => {
                  const rgb = c => c.match(/[\\d.]+/g).map(Number);
                  const lum = ([r, g, b]) => {
                    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
                  };
                  let bg = null;
                  for (let n = e; n && !bg; n = n.parentElement) {
                    const c = rgb(getComputedStyle(n).backgroundColor);
                    if (c.length < 4 || c[3] > 0) bg = c;
                  }
                  const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg || [255, 255, 255]);
                  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                }
                """))
        .doubleValue();
  }
}
