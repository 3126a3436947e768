package io.parley.connectors.webform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.TestMail;
import io.parley.support.WebClient;
import io.parley.support.WebClient.Upload;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A customer fills in the web form over real HTTP; GreenMail is the brand's mail server, through
 * which the confirmation and the agent's reply reach the customer's mailbox.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebformChannelTests {

  static final String SUPPORT = "help@mail.acme.test";
  static final String CUSTOMER = "li.wei@customer.test";

  @RegisterExtension static GreenMailExtension mail = TestMail.server();

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  ChannelAccountId email;
  ChannelAccountId form;
  ChannelAccountId limitedForm;

  @BeforeAll
  void connectTheBrandsMailboxAndItsForms() {
    mail.setUser(CUSTOMER, CUSTOMER, "customer-secret");
    BrandSummary acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> mailbox = TestMail.mailbox(mail, SUPPORT, "support-secret", 1);
    mailbox.put("fromName", "Acme Mobile Support");
    email = accounts.connect(acme.id(), "email", "Acme Mobile help desk", SUPPORT, mailbox).id();
    form =
        accounts
            .connect(
                acme.id(),
                "webform",
                "Acme Mobile",
                "contact-acme-mobile",
                Map.of("confirmationEmail", "true", "maxFiles", "2", "submissionsPerHour", "20"))
            .id();
    limitedForm =
        accounts
            .connect(
                acme.id(),
                "webform",
                "Acme Mobile warranty",
                "warranty-acme-mobile",
                Map.of("confirmationEmail", "false", "maxFiles", "1", "submissionsPerHour", "2"))
            .id();
  }

  @AfterAll
  void disconnect() {
    accounts.activate(email, false);
    accounts.activate(form, false);
    accounts.activate(limitedForm, false);
  }

  @Test
  void aSubmissionOpensACaseWithItsFileIsConfirmedByEmailAndTheReplyArrivesByEmail()
      throws Exception {
    var customer = new WebClient(port);
    var page = customer.get(formPath(form));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("enctype=\"multipart/form-data\"")
        .contains("<label for=\"f-email\">Your email address</label>");

    var posted =
        customer.postMultipart(
            formPath(form),
            fields(
                "Li Wei",
                CUSTOMER,
                "Phone X200 battery drains overnight",
                "It loses 40% at night."),
            List.of(
                new Upload(
                    "files",
                    "battery-log.txt",
                    "text/plain",
                    "23:00 100%\n07:00 60%\n".getBytes(StandardCharsets.UTF_8))));
    assertThat(posted.statusCode()).isEqualTo(302);
    String thanks = posted.headers().firstValue("Location").orElseThrow();
    assertThat(thanks).endsWith("/forms/" + form.value() + "/sent?lang=en");
    assertThat(customer.get(thanks.replaceFirst("^https?://[^/]+", "")).body())
        .contains("We received your message");

    Map<String, Object> opened =
        jdbc.queryForMap(
            "select c.id, c.reference, c.channel_type, m.author_address, m.body from"
                + " conversations_case c join conversations_message m on m.case_id = c.id"
                + " where c.subject = ?",
            "Phone X200 battery drains overnight");
    String reference = (String) opened.get("reference");
    assertThat(opened.get("channel_type")).isEqualTo("webform");
    assertThat(opened.get("author_address")).isEqualTo(CUSTOMER);
    assertThat(opened.get("body")).isEqualTo("It loses 40% at night.");
    assertThat(
            jdbc.queryForList(
                "select filename from conversations_attachment where case_id = ?",
                String.class,
                opened.get("id")))
        .containsExactly("battery-log.txt");
    assertThat(
            jdbc.queryForObject(
                "select cu.display_name from customers_customer cu join conversations_case c"
                    + " on c.customer_id = cu.id where c.reference = ?",
                String.class,
                reference))
        .isEqualTo("Li Wei");

    await().atMost(Duration.ofSeconds(20)).until(() -> inbox(CUSTOMER).size() == 1);
    MimeMessage confirmation = inbox(CUSTOMER).get(0);
    assertThat(confirmation.getSubject())
        .isEqualTo(
            "We received your request: Phone X200 battery drains overnight [" + reference + "]");
    assertThat(((InternetAddress) confirmation.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
    assertThat(GreenMailUtil.getBody(confirmation)).contains(reference).contains("Li Wei");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_message m join conversations_case c"
                    + " on c.id = m.case_id where c.reference = ?",
                Long.class,
                reference))
        .as("the automatic confirmation is not an agent's answer on the case")
        .isEqualTo(1);

    String token = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    var reply = new WebClient(port).reply(reference, token, "Please turn off Background refresh.");
    assertThat(reply.statusCode()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(20)).until(() -> inbox(CUSTOMER).size() == 2);
    MimeMessage answer = inbox(CUSTOMER).get(1);
    assertThat(answer.getSubject())
        .isEqualTo("Re: Phone X200 battery drains overnight [" + reference + "]");
    assertThat(((InternetAddress) answer.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
    assertThat(GreenMailUtil.getBody(answer)).contains("Background refresh");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "SENT"
                    .equals(
                        jdbc.queryForObject(
                            "select m.delivery_status from conversations_message m"
                                + " join conversations_case c on c.id = m.case_id"
                                + " where c.reference = ? and m.kind = 'OUTBOUND'",
                            String.class,
                            reference)));
  }

  @Test
  void theFormSpeaksTheCustomersLanguage() {
    var page = new WebClient(port).language("zh-CN").get(formPath(form));
    assertThat(page.body()).contains("lang=\"zh-CN\"").contains("您的姓名").contains("您的邮箱地址");
    assertThat(new WebClient(port).language("zh-CN").get(formPath(form) + "?lang=en").body())
        .contains("Your name");
  }

  @Test
  void missingOrInvalidFieldsShowTheFormAgainWithTheValuesKept() {
    var customer = new WebClient(port);
    customer.get(formPath(form));
    var refused =
        customer.postMultipart(
            formPath(form), fields("", "not-an-address", "Keep this subject", ""), List.of());
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Please enter your name.")
        .contains("This is not a valid email address")
        .contains("Please tell us what your message is about.")
        .contains("value=\"Keep this subject\"")
        .contains("value=\"not-an-address\"")
        .contains("aria-invalid=\"true\"");

    var tooMany =
        customer.postMultipart(
            formPath(form),
            fields("Li Wei", CUSTOMER, "Three files", "Here are three files."),
            List.of(file("a.txt"), file("b.txt"), file("c.txt")));
    assertThat(tooMany.statusCode()).isEqualTo(422);
    assertThat(tooMany.body()).contains("Please attach at most 2 files.");

    var chinese =
        new WebClient(port)
            .language("zh-CN")
            .postMultipart(formPath(form), fields("王芳", "", "", "手机无法开机"), List.of());
    assertThat(chinese.body()).contains("请填写您的邮箱地址").contains("手机无法开机");
    assertThat(caseCount("Keep this subject") + caseCount("Three files")).isZero();
  }

  @Test
  void aRobotFillingTheHiddenFieldIsThankedAndNothingIsKept() {
    var robot = new WebClient(port);
    Map<String, String> fields = fields("Bot", "bot@spam.test", "Cheap watches", "Buy now");
    fields.put("website", "http://spam.test");
    var posted = robot.postMultipart(formPath(form), fields, List.of());
    assertThat(posted.statusCode()).isEqualTo(302);
    assertThat(posted.headers().firstValue("Location").orElseThrow()).contains("/sent");
    assertThat(caseCount("Cheap watches")).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where subject = ?",
                Long.class,
                "Cheap watches"))
        .isZero();
  }

  @Test
  void oneAddressSubmittingTooOftenIsAskedToWait() {
    var customer = new WebClient(port);
    for (int i = 1; i <= 2; i++) {
      var ok =
          customer.postMultipart(
              formPath(limitedForm),
              fields("Zhang San", "zhang@customer.test", "Warranty claim " + i, "Claim " + i),
              List.of());
      assertThat(ok.statusCode()).isEqualTo(302);
    }
    var third =
        customer.postMultipart(
            formPath(limitedForm),
            fields("Zhang San", "zhang@customer.test", "Warranty claim 3", "Claim 3"),
            List.of());
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).contains("try again in an hour").contains("Warranty claim 3");
    assertThat(caseCount("Warranty claim 1") + caseCount("Warranty claim 2")).isEqualTo(2);
    assertThat(caseCount("Warranty claim 3")).isZero();
  }

  @Test
  void theAdminSeesTheHtmlToPasteIntoTheCompanysSite() {
    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    String page = admin.get("/admin/channels/" + form.value()).body();
    assertThat(page)
        .contains("data-testid=\"embed-code\"")
        .contains("&lt;form action=&quot;http://localhost:8080/forms/" + form.value() + "&quot;")
        .contains("enctype=&quot;multipart/form-data&quot;")
        .contains("name=&quot;website&quot;");
  }

  @Test
  void anUnknownOrSwitchedOffFormIsNotFound() {
    assertThat(new WebClient(port).get("/forms/999999999").statusCode()).isEqualTo(404);
    assertThat(new WebClient(port).get("/forms/" + email.value()).statusCode()).isEqualTo(404);
  }

  private static String formPath(ChannelAccountId account) {
    return "/forms/" + account.value();
  }

  private static Map<String, String> fields(
      String name, String email, String subject, String message) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("email", email);
    fields.put("subject", subject);
    fields.put("message", message);
    fields.put("website", "");
    return fields;
  }

  private static Upload file(String name) {
    return new Upload("files", name, "text/plain", "x".getBytes(StandardCharsets.UTF_8));
  }

  private long caseCount(String subject) {
    return jdbc.queryForObject(
        "select count(*) from conversations_case where subject = ?", Long.class, subject);
  }

  private static List<MimeMessage> inbox(String user) {
    return Arrays.stream(mail.getReceivedMessagesForDomain(user.substring(user.indexOf('@') + 1)))
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(user));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }
}
