package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.compliance.internal.Lexicons;
import io.parley.compliance.internal.TextScan.Action;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.identity.Users;
import io.parley.support.Browsers;
import io.parley.support.ParleyTest;
import io.parley.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent's reply with a word of the brand's approval list waits for a supervisor, who approves it
 * with an edit; the customer's mail server receives the edited text, and the audit trail shows both
 * the agent's reply and the supervisor's decision.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalBrowserTests {

  static final String SUPPORT = "approvals@mail.acme.test";
  static final String CUSTOMER = "gao.yan@example.net";

  @RegisterExtension static GreenMailExtension mail = TestMail.server();

  @LocalServerPort int port;
  @Autowired Cases cases;
  @Autowired Brands brands;
  @Autowired Customers customers;
  @Autowired ChannelAccounts accounts;
  @Autowired Lexicons lexicons;
  @Autowired Users users;
  Playwright playwright;
  Browser browser;
  ChannelAccountId account;
  BrandId brand;

  @BeforeAll
  void start() {
    brand = brands.findByCode("acme-mobile").orElseThrow().id();
    mail.setUser(SUPPORT, SUPPORT, "approvals-secret");
    account =
        accounts
            .connect(
                brand,
                "email",
                "Approvals mail",
                SUPPORT,
                TestMail.mailbox(mail, SUPPORT, "approvals-secret", 3600))
            .id();
    lexicons.put(
        brand,
        "goodwill payment",
        Action.APPROVE,
        null,
        users.findByUsername("admin").orElseThrow().id());
    playwright = Playwright.create();
    browser = Browsers.launch(playwright);
  }

  @AfterAll
  void stop() {
    accounts.activate(account, false);
    browser.close();
    playwright.close();
  }

  @Test
  void aHeldReplyIsApprovedWithAnEditAndTheCustomerReceivesTheEdit() throws Exception {
    CustomerId customer =
        customers.register(
            new NewCustomer(
                "Gao Yan",
                "en",
                Tier.STANDARD,
                List.of(CUSTOMER),
                List.of(),
                List.of(),
                List.of(),
                null));
    CaseView aCase =
        cases.open(
            new NewCase(
                brand,
                "Charged twice for my plan",
                null,
                customer,
                account,
                "email",
                "I was charged twice this month.",
                null));

    Page agent = Browsers.signIn(browser, port, "li.na");
    agent.navigate("http://localhost:" + port + "/cases/" + aCase.reference());
    agent.locator("#reply-body").pressSequentially("We will make a Goodwill Payment of 20 yuan.");
    assertThat(agent.getByTestId("gate-term"))
        .hasText("goodwill payment — needs a supervisor's approval");
    assertThat(agent.locator(".gate-preview mark")).hasText("Goodwill Payment");
    agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
    Locator reply = agent.locator(".timeline .message-outbound").last();
    assertThat(reply).containsText("Goodwill Payment of 20 yuan");
    assertThat(reply.locator(".delivery-held")).hasText("Waiting for approval");

    Page supervisor = Browsers.signIn(browser, port, "zhou.min");
    supervisor.navigate("http://localhost:" + port + "/compliance/approvals");
    Locator held =
        supervisor
            .locator("article.approval")
            .filter(new Locator.FilterOptions().setHasText(aCase.reference()));
    assertThat(held.locator("mark")).containsText("goodwill payment");
    held.getByLabel("Text (edit before approving if needed)")
        .fill("We have refunded the second charge of 20 yuan.");
    held.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve and send"))
        .click();
    assertThat(supervisor.locator(".alert")).containsText("Approved");

    await().atMost(Duration.ofSeconds(30)).until(() -> mailsOn(aCase).size() == 1);
    String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mailsOn(aCase).get(0));
    assertThat(text)
        .contains("We have refunded the second charge of 20 yuan.")
        .doesNotContain("Goodwill");

    agent.reload();
    Locator sent = agent.locator(".timeline .message-outbound").last();
    assertThat(sent).containsText("We have refunded the second charge of 20 yuan.");
    assertThat(sent).containsText("edited (version 2)");

    supervisor.navigate("http://localhost:" + port + "/compliance/audit");
    Locator rows = supervisor.locator("table.audit-table tbody tr");
    assertThat(
            rows.filter(new Locator.FilterOptions().setHasText("message.added.outbound")).first())
        .containsText("li.na");
    Locator decision =
        rows.filter(new Locator.FilterOptions().setHasText("approval.edited")).first();
    assertThat(decision).containsText("zhou.min");
    assertThat(decision).containsText("We have refunded the second charge of 20 yuan.");
    assertThat(decision).containsText("Goodwill Payment");
    assertThat(rows.filter(new Locator.FilterOptions().setHasText("approval.requested")).first())
        .containsText("Goodwill Payment");
    supervisor.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/compliance-audit.png")));
  }

  private List<MimeMessage> mailsOn(CaseView aCase) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getSubject() != null && m.getSubject().contains(aCase.reference() + "]");
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }
}
