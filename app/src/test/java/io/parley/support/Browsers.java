package io.parley.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts Debian's Chromium through Playwright. Parley never downloads a browser: install it with
 * {@code apt-get install chromium} (the README's test command does).
 */
public final class Browsers {

  private Browsers() {}

  public static Path chromium() {
    String configured = System.getenv("PARLEY_CHROMIUM");
    Path path = Path.of(configured != null ? configured : "/usr/bin/chromium");
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          "Browser tests need Chromium at "
              + path
              + ": run 'apt-get install -y chromium fonts-noto-cjk' or set PARLEY_CHROMIUM");
    }
    return path;
  }

  public static Browser launch(Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(
                    List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run")));
  }

  /** A new browser context (English) signed into the console as a demo user. */
  public static com.microsoft.playwright.Page signIn(Browser browser, int port, String username) {
    return signIn(browser, port, username, ParleyTest.DEMO_PASSWORD);
  }

  /** A new browser context (English) signed into the console as {@code username}. */
  public static com.microsoft.playwright.Page signIn(
      Browser browser, int port, String username, String password) {
    var context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"));
    var page = context.newPage();
    page.navigate("http://localhost:" + port + "/login");
    page.getByLabel("User name").fill(username);
    page.getByLabel("Password").fill(password);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new com.microsoft.playwright.Page.GetByRoleOptions().setName("Sign in"))
        .click();
    // Signing in posts a form and the browser follows the redirect: wait until it has left the
    // sign-in page (whose own heading would pass any check of a heading), or the caller's next
    // navigation could cancel the request that brings the session cookie.
    page.waitForURL(url -> !url.contains("/login"));
    return page;
  }
}
