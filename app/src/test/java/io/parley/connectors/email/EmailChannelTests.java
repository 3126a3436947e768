package io.parley.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.TestMail;
import io.parley.support.WebClient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Email over the real protocols: GreenMail is the company's mail server (IMAP mailbox Parley polls,
 * SMTP it sends through) and the customer's.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailChannelTests {

  static final String SUPPORT = "support@mail.acme.test";
  static final String CUSTOMER = "mei.chen@example.net";

  @RegisterExtension static GreenMailExtension mail = TestMail.server();

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  GreenMailUser support;
  GreenMailUser customer;
  ChannelAccountId account;

  @BeforeAll
  void connectTheSupportMailbox() {
    support = mail.setUser(SUPPORT, SUPPORT, "support-secret");
    customer = mail.setUser(CUSTOMER, CUSTOMER, "customer-secret");
    Map<String, String> settings = TestMail.mailbox(mail, SUPPORT, "support-secret", 1);
    settings.put("fromName", "Acme Mobile Support");
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    account = accounts.connect(brand.id(), "email", "Acme Mobile mail", SUPPORT, settings).id();
  }

  @AfterAll
  void disconnect() {
    accounts.activate(account, false);
  }

  @Test
  void customersEmailOpensACaseTheReplyIsThreadedAndTheAnswerLandsOnTheSameCase() throws Exception {
    MimeMessage first =
        message(CUSTOMER, "Mei Chen", SUPPORT, "Screen flickering after update to 2.1.3");
    first.setText("My phone screen keeps flickering since yesterday's update.", "UTF-8");
    first.setHeader("Message-ID", "<first-1@example.net>");
    support.deliver(first);

    String reference = awaitCase("Screen flickering after update to 2.1.3");
    Map<String, Object> opened =
        jdbc.queryForMap(
            "select c.channel_type, c.customer_id, m.external_id, m.author_address, m.body"
                + " from conversations_case c join conversations_message m on m.case_id = c.id"
                + " where c.reference = ?",
            reference);
    assertThat(opened.get("channel_type")).isEqualTo("email");
    assertThat(opened.get("external_id")).isEqualTo("<first-1@example.net>");
    assertThat(opened.get("author_address")).isEqualTo(CUSTOMER);
    assertThat((String) opened.get("body")).contains("keeps flickering");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from customers_email where address = ?", Long.class, CUSTOMER))
        .as("the unknown sender became a contact with their address")
        .isEqualTo(1);

    String token = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    var reply =
        new WebClient(port)
            .reply(reference, token, "Please update to 2.1.4; it fixes the flicker.");
    assertThat(reply.statusCode()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(20)).until(() -> repliesOn(reference).size() == 1);
    MimeMessage received = repliesOn(reference).get(0);
    assertThat(received.getSubject())
        .isEqualTo("Re: Screen flickering after update to 2.1.3 [" + reference + "]");
    assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<first-1@example.net>");
    assertThat(received.getHeader("References", null)).contains("<first-1@example.net>");
    assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
    assertThat(received.getContentType()).startsWith("multipart/");
    String replyId = received.getMessageID();
    assertThat(replyId).endsWith("@mail.acme.test>");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "SENT"
                    .equals(
                        jdbc.queryForObject(
                            "select delivery_status from conversations_message where external_id = ?",
                            String.class,
                            replyId)));

    // The customer answers from a client that keeps In-Reply-To but drops the subject token.
    MimeMessage answer = message(CUSTOMER, "Mei Chen", SUPPORT, "Re: Screen flickering");
    answer.setText(
        "Updated, the flicker is gone. Thanks!\n\nOn Mon, 23 Nov 2026 at 10:02, Acme Mobile"
            + " Support <"
            + SUPPORT
            + "> wrote:\n> Please update to 2.1.4; it fixes the flicker.",
        "UTF-8");
    answer.setHeader("Message-ID", "<answer-2@example.net>");
    answer.setHeader("In-Reply-To", replyId);
    answer.setHeader("References", "<first-1@example.net> " + replyId);
    support.deliver(answer);

    await().atMost(Duration.ofSeconds(20)).until(() -> messageCount(reference) == 3);
    assertThat(
            jdbc.queryForList(
                "select kind from conversations_message m join conversations_case c on c.id = m.case_id"
                    + " where c.reference = ? order by m.id",
                String.class,
                reference))
        .containsExactly("INBOUND", "OUTBOUND", "INBOUND");
    assertThat(caseCount("Re: Screen flickering")).isZero();

    // On the case page the quoted history is folded away but kept.
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    String page = agent.get("/cases/" + reference).body();
    assertThat(page)
        .contains("Updated, the flicker is gone. Thanks!")
        .contains("<details class=\"quoted\"><summary>Show quoted text</summary>");
    assertThat(agent.get("/cases/" + reference + "/details").statusCode()).isEqualTo(200);
  }

  @Test
  void imapIdleBringsANewMessageAtOnceWhereTheServerOffersIt() throws Exception {
    // Polled only once an hour: the case can only come this fast through IDLE.
    var brand =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    var idle =
        accounts
            .connect(
                brand.id(),
                "email",
                "Acme Mobile idle",
                "idle@mail.acme.test",
                TestMail.mailbox(mail, "idle@mail.acme.test", "idle-secret", 3600))
            .id();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> accounts.health(idle).lastSuccessAt() != null);
      MimeMessage m = message(CUSTOMER, "Mei Chen", "idle@mail.acme.test", "Pushed by IDLE");
      m.setText("Does IDLE work?", "UTF-8");
      mail.getUserManager().getUser("idle@mail.acme.test").deliver(m);
      awaitCase("Pushed by IDLE");
      assertThat(
              jdbc.queryForObject(
                  "select channel_account_id from conversations_case where subject = ?",
                  Long.class,
                  "Pushed by IDLE"))
          .isEqualTo(idle.value());
    } finally {
      accounts.activate(idle, false);
    }
  }

  @Test
  void theSameMessageDeliveredTwiceCreatesNothingNew() throws Exception {
    MimeMessage once = message(CUSTOMER, "Mei Chen", SUPPORT, "Charger not working since Tuesday");
    once.setText("The charger stopped working.", "UTF-8");
    once.setHeader("Message-ID", "<twice-1@example.net>");
    support.deliver(once);
    String reference = awaitCase("Charger not working since Tuesday");

    support.deliver(once);
    MimeMessage again = message(CUSTOMER, "Mei Chen", SUPPORT, "Charger not working since Tuesday");
    again.setText("The charger stopped working.", "UTF-8");
    again.setHeader("Message-ID", "<twice-1@example.net>");
    support.deliver(again);
    // A later message proves both copies have been polled past.
    MimeMessage marker = message(CUSTOMER, "Mei Chen", SUPPORT, "Marker after duplicates");
    marker.setText("marker", "UTF-8");
    support.deliver(marker);
    awaitCase("Marker after duplicates");

    assertThat(caseCount("Charger not working since Tuesday")).isEqualTo(1);
    assertThat(messageCount(reference)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where external_id = ?",
                Long.class,
                "<twice-1@example.net>"))
        .isEqualTo(1);
  }

  @Test
  void aGb2312MessageWithEncodedWordSubjectReadsCorrectly() throws Exception {
    Charset gb = Charset.forName("GB18030");
    // 喆 is outside GB2312 but inside GBK: mail labelled gb2312 carries it all the time.
    String subject = "无法连接到网络";
    String body = "你好，我的手机无法连接到无线网络。王喆";
    String raw =
        "From: =?GB2312?B?"
            + Base64.getEncoder().encodeToString("王军".getBytes(gb))
            + "?= <wang.jun.gb@example.cn>\r\n"
            + "To: "
            + SUPPORT
            + "\r\nSubject: =?GB2312?B?"
            + Base64.getEncoder().encodeToString(subject.getBytes(gb))
            + "?=\r\nMessage-ID: <gb2312-1@example.cn>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(body.getBytes(gb))
            + "\r\n";
    deliverRaw(raw);

    String reference = awaitCase(subject);
    assertThat(bodyOf(reference)).isEqualTo(body);
    assertThat(
            jdbc.queryForObject(
                "select cu.display_name from customers_customer cu join conversations_case c"
                    + " on c.customer_id = cu.id where c.reference = ?",
                String.class,
                reference))
        .isEqualTo("王军");
  }

  @Test
  void aBig5MessageFromTaiwanReadsCorrectly() throws Exception {
    Charset big5 = Charset.forName("Big5");
    String subject = "螢幕閃爍問題";
    String body = "您好，我的手機螢幕一直閃爍，請協助處理。";
    String raw =
        "From: customer.tw@example.tw\r\nTo: "
            + SUPPORT
            + "\r\nSubject: =?Big5?Q?"
            + qEncode(subject.getBytes(big5))
            + "?=\r\nMessage-ID: <big5-1@example.tw>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(body.getBytes(big5))
            + "\r\n";
    deliverRaw(raw);

    String reference = awaitCase(subject);
    assertThat(bodyOf(reference)).isEqualTo(body);
  }

  private static String qEncode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("=%02X", b & 0xff));
    }
    return out.toString();
  }

  @Test
  void anHtmlOnlyMessageIsReadAsTextAndKeptSanitized() throws Exception {
    MimeMessage html = message("pat@example.org", "Pat", SUPPORT, "Question about order 5512");
    html.setContent(
        "<html><body><p>Where is my <b>order 5512</b>?</p><script>alert('x')</script></body></html>",
        "text/html; charset=UTF-8");
    html.setHeader("Message-ID", "<html-1@example.org>");
    support.deliver(html);

    String reference = awaitCase("Question about order 5512");
    Map<String, Object> row =
        jdbc.queryForMap(
            "select m.body, m.body_html from conversations_message m join conversations_case c"
                + " on c.id = m.case_id where c.reference = ?",
            reference);
    assertThat((String) row.get("body")).isEqualTo("Where is my order 5512?");
    assertThat((String) row.get("body_html"))
        .contains("<b>order 5512</b>")
        .doesNotContain("script");
  }

  @Test
  void attachmentsAndInlineImagesAreKeptWithTheMessage() throws Exception {
    byte[] png =
        Base64.getDecoder()
            .decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    byte[] pdf =
        "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    var alternative = new jakarta.mail.internet.MimeMultipart("alternative");
    var plain = new jakarta.mail.internet.MimeBodyPart();
    plain.setText("Photo of the crack attached, invoice too.", "UTF-8");
    var html = new jakarta.mail.internet.MimeBodyPart();
    html.setContent(
        "<p>Photo of the crack: <img src=\"cid:crack-1@example.org\" alt=\"crack\"></p>",
        "text/html; charset=UTF-8");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(html);
    var related = new jakarta.mail.internet.MimeMultipart("related");
    var alternativePart = new jakarta.mail.internet.MimeBodyPart();
    alternativePart.setContent(alternative);
    related.addBodyPart(alternativePart);
    var image = new jakarta.mail.internet.MimeBodyPart();
    image.setContent(png, "image/png");
    image.setContentID("<crack-1@example.org>");
    image.setDisposition("inline");
    image.setFileName("crack.png");
    related.addBodyPart(image);
    var mixed = new jakarta.mail.internet.MimeMultipart("mixed");
    var relatedPart = new jakarta.mail.internet.MimeBodyPart();
    relatedPart.setContent(related);
    mixed.addBodyPart(relatedPart);
    var invoice = new jakarta.mail.internet.MimeBodyPart();
    invoice.setContent(pdf, "application/pdf");
    invoice.setFileName("invoice-5512.pdf");
    invoice.setDisposition("attachment");
    mixed.addBodyPart(invoice);
    MimeMessage message = message("kim@example.org", "Kim", SUPPORT, "Cracked screen on arrival");
    message.setContent(mixed);
    message.setHeader("Message-ID", "<files-1@example.org>");
    message.saveChanges();
    support.deliver(message);

    String reference = awaitCase("Cracked screen on arrival");
    assertThat(
            jdbc.queryForList(
                "select a.filename || ' ' || a.content_type from conversations_attachment a"
                    + " join conversations_case c on c.id = a.case_id where c.reference = ?"
                    + " order by a.filename",
                String.class,
                reference))
        .containsExactly("crack.png image/png", "invoice-5512.pdf application/pdf");
    Map<String, Object> row =
        jdbc.queryForMap(
            "select m.body, m.body_html from conversations_message m join conversations_case c"
                + " on c.id = m.case_id where c.reference = ?",
            reference);
    assertThat((String) row.get("body")).isEqualTo("Photo of the crack attached, invoice too.");
    assertThat((String) row.get("body_html"))
        .contains("src=\"/cases/" + reference + "/attachments/")
        .doesNotContain("cid:");
  }

  @Test
  void aDeliveryReportMarksTheReplyItReturnsAsBounced() throws Exception {
    MimeMessage question = message(CUSTOMER, "Mei Chen", SUPPORT, "Warranty for my tablet");
    question.setText("Is my tablet still under warranty?", "UTF-8");
    question.setHeader("Message-ID", "<bounce-me-1@example.net>");
    support.deliver(question);
    String reference = awaitCase("Warranty for my tablet");
    var reply =
        new WebClient(port)
            .reply(
                reference,
                ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD),
                "Yes, until March 2027.");
    assertThat(reply.statusCode()).isEqualTo(201);
    long messageId = Long.parseLong(reply.body().replaceAll(".*\"id\":(\\d+),.*", "$1"));
    await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(deliveryStatus(messageId)));
    String replyId =
        jdbc.queryForObject(
            "select external_id from conversations_message where id = ?", String.class, messageId);

    String report =
        "From: MAILER-DAEMON@example.net\r\nTo: "
            + SUPPORT
            + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <dsn-1@example.net>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain\r\n\r\nThe mailbox is full.\r\n"
            + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; "
            + CUSTOMER
            + "\r\nAction: failed\r\nStatus: 5.2.2\r\n\r\n"
            + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "From: "
            + SUPPORT
            + "\r\nTo: "
            + CUSTOMER
            + "\r\nSubject: Re: Warranty for my tablet ["
            + reference
            + "]\r\nMessage-ID: "
            + replyId
            + "\r\n\r\n--b1--\r\n";
    deliverRaw(report);

    await().atMost(Duration.ofSeconds(20)).until(() -> "BOUNCED".equals(deliveryStatus(messageId)));
    assertThat(messageCount(reference))
        .as("the report opened nothing and joined nothing")
        .isEqualTo(2);
  }

  private String deliveryStatus(long messageId) {
    return jdbc.queryForObject(
        "select delivery_status from conversations_message where id = ?", String.class, messageId);
  }

  @Test
  void autoRepliesAndBouncesAreRecognisedInsteadOfOpeningCases() throws Exception {
    MimeMessage outOfOffice =
        message("away@example.org", "Away", SUPPORT, "Out of office: back Monday");
    outOfOffice.setText("I am away.", "UTF-8");
    outOfOffice.setHeader("Auto-Submitted", "auto-replied");
    outOfOffice.setHeader("Message-ID", "<ooo-1@example.org>");
    support.deliver(outOfOffice);
    MimeMessage bounce =
        message("MAILER-DAEMON@example.org", null, SUPPORT, "Undelivered Mail Returned to Sender");
    bounce.setText("The mail system could not deliver your message.", "UTF-8");
    bounce.setHeader("Message-ID", "<bounce-1@example.org>");
    support.deliver(bounce);
    MimeMessage marker = message(CUSTOMER, "Mei Chen", SUPPORT, "Marker after filters");
    marker.setText("marker", "UTF-8");
    support.deliver(marker);
    awaitCase("Marker after filters");

    assertThat(caseCount("Out of office: back Monday")).isZero();
    assertThat(caseCount("Undelivered Mail Returned to Sender")).isZero();
    assertThat(
            jdbc.queryForList(
                "select reason from channels_inbound where external_id in (?, ?) order by reason",
                String.class,
                "<ooo-1@example.org>",
                "<bounce-1@example.org>"))
        .containsExactly("auto-reply", "bounce");
  }

  /** Puts a message, as raw MIME text, into the support mailbox. */
  private void deliverRaw(String raw) throws jakarta.mail.MessagingException {
    support.deliver(
        new MimeMessage(
            session(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
  }

  /** The body of the (only) message on a case. */
  private String bodyOf(String reference) {
    return jdbc.queryForObject(
        "select m.body from conversations_message m join conversations_case c on c.id = m.case_id"
            + " where c.reference = ?",
        String.class,
        reference);
  }

  private String awaitCase(String subject) {
    await().atMost(Duration.ofSeconds(30)).until(() -> caseCount(subject) == 1);
    return jdbc.queryForObject(
        "select reference from conversations_case where subject = ?", String.class, subject);
  }

  private long caseCount(String subject) {
    return jdbc.queryForObject(
        "select count(*) from conversations_case where subject = ?", Long.class, subject);
  }

  private long messageCount(String reference) {
    return jdbc.queryForObject(
        "select count(*) from conversations_message m join conversations_case c on c.id = m.case_id"
            + " where c.reference = ?",
        Long.class,
        reference);
  }

  /** What the customer received about one case (other tests write to the same customer). */
  private static List<MimeMessage> repliesOn(String reference) {
    return inbox(CUSTOMER).stream()
        .filter(
            m -> {
              try {
                return m.getSubject() != null && m.getSubject().contains("[" + reference + "]");
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static List<MimeMessage> inbox(String user) {
    return java.util.Arrays.stream(
            mail.getReceivedMessagesForDomain(user.substring(user.indexOf('@') + 1)))
        .filter(
            m -> {
              try {
                return java.util.Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(user));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static MimeMessage message(String from, String name, String to, String subject)
      throws Exception {
    // Keeps the Message-ID a test sets, as a real client would when it resends a message.
    MimeMessage m =
        new MimeMessage(session()) {
          @Override
          protected void updateMessageID() throws jakarta.mail.MessagingException {
            if (getHeader("Message-ID") == null) {
              super.updateMessageID();
            }
          }
        };
    m.setFrom(new InternetAddress(from, name, "UTF-8"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new java.util.Date());
    return m;
  }

  private static Session session() {
    return Session.getInstance(new Properties());
  }
}
