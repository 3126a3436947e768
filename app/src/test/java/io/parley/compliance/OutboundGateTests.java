package io.parley.compliance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.compliance.internal.Approvals;
import io.parley.compliance.internal.Lexicons;
import io.parley.compliance.internal.TextScan.Action;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageView;
import io.parley.conversations.NewCase;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.support.ParleyTest;
import io.parley.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sensitive-word gate sits in the outbox that every connector sends from: through email (a real
 * SMTP server) and the API channel (WireMock standing in for the shop's callback), a blocked word
 * stops the reply, a replaced word never reaches the customer, and an approval word holds the reply
 * until a supervisor approves it (here with an edit, which is what the customer receives). An entry
 * written into the outbox behind the gate's back is still checked right before sending.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundGateTests {

  static final String SUPPORT = "gate-support@mail.acme.test";
  static final String CALLBACK = "/gate/replies";

  @RegisterExtension static GreenMailExtension mail = TestMail.server();

  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired Users users;
  @Autowired Customers customers;
  @Autowired Cases cases;
  @Autowired Lexicons lexicons;
  @Autowired Approvals approvals;
  @Autowired JdbcTemplate jdbc;

  WireMockServer shop;
  BrandId brand;
  ChannelAccountId email;
  ChannelAccountId api;
  UserId agent;
  UserId supervisor;

  @BeforeAll
  void connectChannelsAndListWords() {
    brand =
        brands.all().stream()
            .filter(b -> b.casePrefix().equals("ACME"))
            .findFirst()
            .orElseThrow()
            .id();
    mail.setUser(SUPPORT, SUPPORT, "gate-secret");
    email =
        accounts
            .connect(
                brand,
                "email",
                "Gate mail",
                SUPPORT,
                TestMail.mailbox(mail, SUPPORT, "gate-secret", 3600))
            .id();
    shop = new WireMockServer(options().dynamicPort());
    shop.start();
    shop.stubFor(
        post(urlEqualTo(CALLBACK))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"shop-" + UUID.randomUUID() + "\"}")));
    api =
        accounts
            .connect(
                brand,
                "api",
                "Gate shop",
                "gate.shop.test",
                Map.of(
                    "sharedSecret",
                    "gate-shared-secret-2026",
                    "callbackUrl",
                    shop.baseUrl() + CALLBACK,
                    "timeoutSeconds",
                    "5"))
            .id();
    agent = users.findByUsername("li.na").orElseThrow().id();
    supervisor = users.findByUsername("zhou.min").orElseThrow().id();
    lexicons.put(brand, "zorbblock", Action.BLOCK, null, supervisor);
    lexicons.put(brand, "zorbswap", Action.REPLACE, "[withheld]", supervisor);
    lexicons.put(brand, "zorbcheck", Action.APPROVE, null, supervisor);
    lexicons.importList(
        brand, "禁售词,block\n内部价,replace,***\n赔偿承诺,approve\n", Action.BLOCK, supervisor);
  }

  @AfterAll
  void disconnect() {
    accounts.activate(email, false);
    accounts.activate(api, false);
    shop.stop();
  }

  @Test
  void emailRepliesAreBlockedReplacedAndHeldUntilApprovedWithAnEdit() throws Exception {
    CaseView aCase = openCase(email, "email", "gate.mail." + UUID.randomUUID() + "@example.net");

    MessageView blocked = cases.reply(aCase.id(), agent, "Our ZORBBLOCK offer is great.");
    assertThat(blocked.deliveryStatus()).isEqualTo("BLOCKED");
    assertThat(outboxStatus(blocked.id())).isEqualTo("BLOCKED");

    MessageView swapped = cases.reply(aCase.id(), agent, "Your ｚｏｒｂｓｗａｐ code and 内部价 are ready.");
    assertThat(swapped.body()).isEqualTo("Your [withheld] code and *** are ready.");
    assertThat(cases.versions(swapped.id()))
        .singleElement()
        .satisfies(v -> assertThat(v.body()).contains("ｚｏｒｂｓｗａｐ").contains("内部价"));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsOn(aCase).size() == 1);
    assertThat(body(mailsOn(aCase).get(0)))
        .contains("Your [withheld] code and *** are ready.")
        .doesNotContain("zorbswap")
        .doesNotContain("ｚｏｒｂｓｗａｐ")
        .doesNotContain("内部价");

    MessageView held = cases.reply(aCase.id(), agent, "We zorbcheck a refund of 500 yuan.");
    assertThat(held.deliveryStatus()).isEqualTo("HELD");
    var approval = pendingFor(held.id());
    assertThat(approvals.approve(approval.id(), "We offer a refund of 500 yuan.", supervisor))
        .isTrue();
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsOn(aCase).size() == 2);
    assertThat(body(mailsOn(aCase).get(1))).contains("We offer a refund of 500 yuan.");
    MessageView approved = cases.message(held.id()).orElseThrow();
    assertThat(approved.body()).isEqualTo("We offer a refund of 500 yuan.");
    assertThat(approved.revision()).isEqualTo(2);
    assertThat(cases.versions(held.id()))
        .singleElement()
        .satisfies(v -> assertThat(v.body()).isEqualTo("We zorbcheck a refund of 500 yuan."));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "SENT".equals(cases.message(held.id()).orElseThrow().deliveryStatus()));
    assertThat(mailsOn(aCase)).hasSize(2).noneMatch(m -> body(m).contains("ZORBBLOCK"));
  }

  @Test
  void apiRepliesAreBlockedReplacedAndHeldUntilApprovedWithAnEdit() {
    CaseView aCase = openCase(api, "api", "gate.api." + UUID.randomUUID() + "@example.net");

    MessageView blocked = cases.reply(aCase.id(), agent, "This 禁售词 product ships today.");
    assertThat(blocked.deliveryStatus()).isEqualTo("BLOCKED");

    cases.reply(aCase.id(), agent, "Use code zorbswap at checkout.");
    await().atMost(Duration.ofSeconds(20)).until(() -> callbacksOn(aCase).size() == 1);
    assertThat(callbacksOn(aCase).get(0)).contains("Use code [withheld] at checkout.");

    MessageView held = cases.reply(aCase.id(), agent, "我们承诺赔偿承诺 200 元。");
    assertThat(held.deliveryStatus()).isEqualTo("HELD");
    var rejectedOne = cases.reply(aCase.id(), agent, "zorbcheck: free phone for you");
    assertThat(approvals.reject(pendingFor(rejectedOne.id()).id(), "Not our policy", supervisor))
        .isTrue();
    assertThat(cases.message(rejectedOne.id()).orElseThrow().deliveryStatus())
        .isEqualTo("REJECTED");
    assertThat(approvals.approve(pendingFor(held.id()).id(), "我们将为您退款 200 元。", supervisor))
        .isTrue();
    await().atMost(Duration.ofSeconds(20)).until(() -> callbacksOn(aCase).size() == 2);
    assertThat(callbacksOn(aCase).get(1)).contains("我们将为您退款 200 元。");
    assertThat(callbacksOn(aCase))
        .noneMatch(b -> b.contains("禁售词") || b.contains("free phone") || b.contains("赔偿承诺"));
  }

  @Test
  void inAnEmailsSubjectEveryTermIsMaskedWithoutStoppingTheReply() throws Exception {
    // An email reply's subject repeats the case's, which often is the customer's own words: they
    // are masked, whatever the term's action, and the agent's reply still goes.
    CaseView aCase =
        openCase(
            email,
            "email",
            "gate.subject." + UUID.randomUUID() + "@example.net",
            "Is my zorbblock order on the 内部价 list?");
    MessageView reply = cases.reply(aCase.id(), agent, "Thanks, we are looking into it.");
    assertThat(reply.deliveryStatus()).isNotIn("BLOCKED", "HELD");
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsOn(aCase).size() == 1);
    assertThat(mailsOn(aCase).get(0).getSubject())
        .contains("Is my *** order on the *** list?")
        .doesNotContain("zorbblock")
        .doesNotContain("内部价");
    assertThat(body(mailsOn(aCase).get(0))).contains("Thanks, we are looking into it.");
  }

  @Test
  void anEntryWrittenIntoTheOutboxBehindTheGatesBackIsCheckedBeforeSending() {
    CaseView aCase = openCase(email, "email", "gate.raw." + UUID.randomUUID() + "@example.net");
    long blockedId = rawOutboxEntry(aCase, "Raw zorbblock text");
    long heldId = rawOutboxEntry(aCase, "Raw zorbcheck text");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "BLOCKED".equals(outboxStatusById(blockedId))
                    && "HELD".equals(outboxStatusById(heldId)));
    assertThat(approvals.pending()).anyMatch(a -> a.outboxId() == heldId);
    assertThat(mailsOn(aCase)).isEmpty();
  }

  private long rawOutboxEntry(CaseView aCase, String text) {
    String key = "raw-" + UUID.randomUUID();
    Long id = jdbc.queryForObject("select nextval('channels_outbox_seq')", Long.class);
    jdbc.update(
        "insert into channels_outbox (id, account_id, idempotency_key, source_ref, status, payload,"
            + " attempts, next_attempt_at, created_at, approved)"
            + " values (?, ?, ?, ?, 'QUEUED', ?, 0, now(), now(), false)",
        id,
        email.value(),
        key,
        "raw:" + key,
        "{\"idempotencyKey\":\""
            + key
            + "\",\"recipient\":\"gate.raw@example.net\",\"subject\":\"Re: ["
            + aCase.reference()
            + "]\",\"text\":\""
            + text
            + "\",\"publicReply\":true}");
    return id;
  }

  private CaseView openCase(ChannelAccountId account, String type, String address) {
    return openCase(account, type, address, "Gate test " + UUID.randomUUID());
  }

  private CaseView openCase(ChannelAccountId account, String type, String address, String subject) {
    CustomerId customer =
        customers.register(
            new NewCustomer(
                "Gate Customer",
                "en",
                Tier.STANDARD,
                List.of(address),
                List.of(),
                List.of(),
                List.of(),
                null));
    return cases.open(
        new NewCase(
            brand, subject, null, customer, account, type, "Hello, I have a question.", null));
  }

  private Approvals.Approval pendingFor(long messageId) {
    return approvals.pending().stream()
        .filter(a -> ("message:" + messageId).equals(a.sourceRef()))
        .findFirst()
        .orElseThrow();
  }

  private String outboxStatus(long messageId) {
    return jdbc.queryForObject(
        "select status from channels_outbox where source_ref = ?",
        String.class,
        "message:" + messageId);
  }

  private String outboxStatusById(long id) {
    return jdbc.queryForObject("select status from channels_outbox where id = ?", String.class, id);
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

  static String body(MimeMessage message) {
    try {
      return new String(
              message.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          + rawText(message);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rawText(MimeMessage message) throws Exception {
    Object content = message.getContent();
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof jakarta.mail.Multipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        Object part = multipart.getBodyPart(i).getContent();
        if (part instanceof String s) {
          text.append(s);
        } else if (part instanceof jakarta.mail.Multipart inner) {
          for (int k = 0; k < inner.getCount(); k++) {
            if (inner.getBodyPart(k).getContent() instanceof String s) {
              text.append(s);
            }
          }
        }
      }
      return text.toString();
    }
    return "";
  }

  private List<String> callbacksOn(CaseView aCase) {
    return shop
        .findAll(
            postRequestedFor(urlEqualTo(CALLBACK))
                .withRequestBody(containing("\"caseReference\":\"" + aCase.reference() + "\"")))
        .stream()
        .map(r -> r.getBodyAsString())
        .toList();
  }
}
