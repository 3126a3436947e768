package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An admin writing a listening rule sees its preview follow every field that changes matching. */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListeningRulesBrowserTests {

  @LocalServerPort int port;
  @Autowired Brands brands;
  @Autowired io.parley.listening.ListeningRules rules;
  Playwright playwright;
  Browser browser;

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

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** The rules page in a new browser context, signed in as the admin. */
  private Page rulesPage() {
    Page page = Browsers.signIn(browser, port, "admin", ParleyTest.ADMIN_PASSWORD);
    page.navigate(url("/admin/listening"));
    return page;
  }

  /** The preview request that {@code change} causes. */
  private static Response previewAfter(Page page, Runnable change) {
    return page.waitForResponse(r -> r.url().endsWith("/admin/listening/preview"), change);
  }

  @Test
  void deletingARuleAsksFirstAndKeepsItWhenTheAdminSaysNo() {
    String code = "ld" + UUID.randomUUID().toString().substring(0, 6);
    BrandSummary brand = brands.register(code, "Delete " + code, code.toUpperCase());
    String name = "rule-" + code;
    rules.define(brand.id(), name, "wombat", false, null, "brand:" + code);
    Page page = rulesPage();
    var row = page.locator("tr", new Page.LocatorOptions().setHasText(name));
    var delete = row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete"));

    java.util.List<String> asked = new java.util.ArrayList<>();
    page.onceDialog(
        dialog -> {
          asked.add(dialog.message());
          dialog.dismiss();
        });
    delete.click();
    assertThat(row).isVisible();
    assertThat(asked).singleElement().asString().contains(name).contains("cannot be undone");

    page.onceDialog(com.microsoft.playwright.Dialog::accept);
    delete.click();
    assertThat(page.locator("body")).containsText("Rule deleted.");
    assertThat(row).hasCount(0);
    page.context().close();
  }

  @Test
  void thePreviewRunsAgainWhenTheBrandExclusionsOrScopeChangeNotOnlyTheQuery() {
    String code = "lp" + UUID.randomUUID().toString().substring(0, 6);
    BrandSummary other = brands.register(code, "Preview " + code, code.toUpperCase());
    Page page = rulesPage();
    var preview = page.locator("#preview");

    page.locator("#r-query").fill("acme");
    assertThat(preview).containsText("Would have matched");

    page.locator("#r-exclusions").fill("(x12");
    assertThat(preview).containsText("never closed");
    page.locator("#r-exclusions").fill("x12 buds");
    assertThat(preview).containsText("Would have matched");

    Response brand =
        previewAfter(
            page, () -> page.locator("#r-brand").selectOption(String.valueOf(other.id().value())));
    assertThat(brand.request().postData()).contains("brandId=" + other.id().value());
    assertThat(
            previewAfter(page, () -> page.locator("#r-languages").fill("zh")).request().postData())
        .contains("languages=zh");
    assertThat(
            previewAfter(page, () -> page.locator("#r-networks").fill("weibo"))
                .request()
                .postData())
        .contains("networks=weibo");
    page.context().close();
  }
}
