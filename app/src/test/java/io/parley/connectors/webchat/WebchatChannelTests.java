package io.parley.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import io.parley.channels.OutboundMessage;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import io.parley.identity.BrandId;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.TestMail;
import io.parley.support.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web chat over HTTP as a visitor's browser and a company's server use it: signed identities
 * (forged ones refused), rate limits, and a visitor who writes while no agent is there and is
 * answered by email.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebchatChannelTests {

  static final String SECRET = "company-server-secret-2026";

  @RegisterExtension static GreenMailExtension mail = TestMail.server();

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;
  @Autowired JsonMapper json;
  @Autowired io.parley.identity.Users users;
  @Autowired io.parley.identity.Presences presences;
  @Autowired Ingest ingest;
  @Autowired Customers customers;
  @Autowired Cases cases;

  ChannelAccountId acmeChat;
  ChannelAccountId busyChat;
  ChannelAccountId nightChat;
  ChannelAccountId nightMail;
  WebClient visitor;

  @BeforeAll
  void connectChats() {
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    acmeChat =
        accounts
            .connect(
                acme.id(),
                "webchat",
                "Acme site chat (HTTP)",
                "http-test.acme.example",
                Map.of(
                    "identitySecret", SECRET,
                    "visitorMessagesPerMinute", "3",
                    "addressMessagesPerMinute", "1000"))
            .id();
    busyChat =
        accounts
            .connect(
                acme.id(),
                "webchat",
                "Acme busy chat",
                "busy.acme.example",
                Map.of("addressMessagesPerMinute", "3"))
            .id();
    // A brand nobody works yet: no agent of it can be signed in, so its chat is offline.
    BrandId night = brands.register("night-owl", "Night Owl", "OWL").id();
    mail.setUser("late.visitor@example.net", "late.visitor@example.net", "visitor-secret");
    Map<String, String> mailSettings = TestMail.mailbox(mail, "help@owl.test", "owl-secret", 60);
    nightMail =
        accounts.connect(night, "email", "Night Owl mail", "help@owl.test", mailSettings).id();
    nightChat =
        accounts
            .connect(
                night,
                "webchat",
                "Night Owl chat",
                "www.owl.test",
                Map.of("offlineMessage", "We sleep by day. Leave your address."))
            .id();
    visitor = new WebClient(port);
  }

  @AfterAll
  void disconnect() {
    for (var id : new ChannelAccountId[] {acmeChat, busyChat, nightChat, nightMail}) {
      accounts.activate(id, false);
    }
  }

  @Test
  void aVisitorSignedByTheCompanyIsKnownAndForgedOrExpiredIdentitiesAreRefused() {
    long in1h = Instant.now().plusSeconds(3600).getEpochSecond();
    String claims =
        "{\"id\":\"42\",\"name\":\"Mei Chen\",\"email\":\"mei.chen@example.net\",\"exp\":"
            + in1h
            + "}";

    var forged = start(acmeChat, null, sign(claims, "not-the-company-secret"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(read(forged.body()).path("error").asString()).isEqualTo("identity_invalid");

    String genuine = sign(claims, SECRET);
    String tampered =
        b64(claims.replace("\"42\"", "\"43\"")) + genuine.substring(genuine.indexOf('.'));
    assertThat(start(acmeChat, null, tampered).statusCode()).isEqualTo(401);

    String expired =
        sign(claims.replace(String.valueOf(in1h), String.valueOf(in1h - 7200)), SECRET);
    assertThat(start(acmeChat, null, expired).statusCode()).isEqualTo(401);

    var started = start(acmeChat, null, genuine);
    assertThat(started.statusCode()).isEqualTo(200);
    String session = read(started.body()).path("session").asString();
    var written = write(acmeChat, session, "Hello, my order 1042 has not arrived.", null);
    assertThat(written.statusCode()).isEqualTo(202);

    Map<String, Object> message =
        jdbc.queryForMap(
            "select c.channel_type, m.author_address from conversations_message m"
                + " join conversations_case c on c.id = m.case_id where m.body = ?",
            "Hello, my order 1042 has not arrived.");
    assertThat(message.get("channel_type")).isEqualTo("webchat");
    assertThat(message.get("author_address")).isEqualTo("mei.chen@example.net");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where account_id = ? and author = ?",
                Long.class,
                acmeChat.value(),
                "mei.chen@example.net"))
        .isEqualTo(1);

    // The same person on another page resumes the same chat, and sees what they wrote.
    var again = read(start(acmeChat, null, genuine).body());
    assertThat(again.path("session").asString()).isEqualTo(session);
    assertThat(again.path("lines").get(0).path("text").asString())
        .isEqualTo("Hello, my order 1042 has not arrived.");
  }

  @Test
  void aVisitorWritingTooFastIsAskedToWait() {
    String session = read(start(acmeChat, anonymous(), null).body()).path("session").asString();
    for (int i = 1; i <= 3; i++) {
      assertThat(write(acmeChat, session, "Question " + i, "fast@example.net").statusCode())
          .isEqualTo(202);
    }
    var refused = write(acmeChat, session, "Question 4", "fast@example.net");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    var body = read(refused.body());
    assertThat(body.path("error").asString()).isEqualTo("rate_limited");
    assertThat(body.path("retryAfter").asLong()).isBetween(1L, 60L);
    // The three that passed are on one case, in order.
    assertThat(
            jdbc.queryForList(
                "select m.body from conversations_message m where m.case_id ="
                    + " (select case_id from conversations_message where body = 'Question 1' order by id desc limit 1)"
                    + " order by m.id",
                String.class))
        .containsExactly("Question 1", "Question 2", "Question 3");
  }

  @Test
  void agentsOnTheCaseSeeThatTheVisitorIsTyping() {
    String session = read(start(acmeChat, anonymous(), null).body()).path("session").asString();
    assertThat(
            write(acmeChat, session, "Is the blue model in stock?", "blue@example.net")
                .statusCode())
        .isEqualTo(202);
    String reference =
        jdbc.queryForObject(
            "select c.reference from conversations_case c join conversations_message m"
                + " on m.case_id = c.id where m.body = 'Is the blue model in stock?'",
            String.class);
    var typing =
        visitor.api(
            "POST", "/chat/" + acmeChat.value() + "/sessions/" + session + "/typing", null, null);
    assertThat(typing.statusCode()).isEqualTo(204);

    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    assertThat(agent.get("/cases/" + reference + "/presence").body())
        .contains("data-testid=\"customer-typing\"")
        .contains("is typing");
  }

  @Test
  void theChatIsLiveOnlyWhileAnAgentOfTheBrandIsOnlineNotAwayOrOffline() {
    BrandId brand = brands.register("presence-chat", "Presence Chat", "PRC").id();
    ChannelAccountId chat =
        accounts.connect(brand, "webchat", "Presence chat", "www.presence.test", Map.of()).id();
    var agent =
        users
            .register(
                new io.parley.identity.NewUser(
                    "prc.agent",
                    "Presence Agent",
                    "prc.agent@example.net",
                    io.parley.identity.Role.AGENT,
                    "prc-agent-password-2026",
                    null,
                    java.util.Set.of(brand)))
            .id();
    try {
      assertThat(read(start(chat, anonymous(), null).body()).path("online").asBoolean())
          .as("nobody of the brand online")
          .isFalse();

      presences.set(agent, io.parley.identity.PresenceStatus.ONLINE);
      assertThat(read(start(chat, anonymous(), null).body()).path("online").asBoolean())
          .as("the agent online")
          .isTrue();

      presences.set(agent, io.parley.identity.PresenceStatus.AWAY);
      assertThat(read(start(chat, anonymous(), null).body()).path("online").asBoolean())
          .as("the agent away")
          .isFalse();

      presences.set(agent, io.parley.identity.PresenceStatus.ONLINE);
      jdbc.update(
          "update identity_presence set last_seen_at = ? where user_id = ?",
          java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1))),
          agent.value());
      assertThat(read(start(chat, anonymous(), null).body()).path("online").asBoolean())
          .as("online, but the console has been silent for a day")
          .isFalse();
    } finally {
      presences.set(agent, io.parley.identity.PresenceStatus.OFFLINE);
      accounts.activate(chat, false);
    }
  }

  @Test
  void oneAddressOpeningChatsTooFastIsAskedToWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(start(busyChat, anonymous(), null).statusCode()).isEqualTo(200);
    }
    var refused = start(busyChat, anonymous(), null);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(read(refused.body()).path("error").asString()).isEqualTo("rate_limited");
  }

  @Test
  void whenNoAgentIsThereTheVisitorLeavesAnAddressAndIsAnsweredByEmail() throws Exception {
    String visitorId = anonymous();
    var started = read(start(nightChat, visitorId, null).body());
    assertThat(started.path("online").asBoolean()).isFalse();
    String session = started.path("session").asString();

    var withoutAddress = write(nightChat, session, "Is the store open on Sunday?", null);
    assertThat(withoutAddress.statusCode()).isEqualTo(422);
    assertThat(read(withoutAddress.body()).path("error").asString()).isEqualTo("email_required");

    var written =
        write(nightChat, session, "Is the store open on Sunday?", "late.visitor@example.net");
    assertThat(written.statusCode()).isEqualTo(202);
    assertThat(read(written.body()).path("online").asBoolean()).isFalse();

    String reference =
        jdbc.queryForObject(
            "select c.reference from conversations_case c join conversations_message m"
                + " on m.case_id = c.id where m.body = ?",
            String.class,
            "Is the store open on Sunday?");
    assertThat(reference).startsWith("OWL-");

    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var reply = new WebClient(port).reply(reference, token, "Yes, from 10 to 16 on Sundays.");
    assertThat(reply.statusCode()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> mail.getReceivedMessagesForDomain("example.net").length > 0);
    MimeMessage received = mail.getReceivedMessagesForDomain("example.net")[0];
    assertThat(
            ((jakarta.mail.internet.InternetAddress) received.getAllRecipients()[0]).getAddress())
        .isEqualTo("late.visitor@example.net");
    assertThat(received.getSubject()).contains("[" + reference + "]");
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(received))
        .contains("Yes, from 10 to 16 on Sundays.");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "SENT"
                    .equals(
                        jdbc.queryForObject(
                            "select o.status from channels_outbox o where o.account_id = ?"
                                + " and o.payload like '%from 10 to 16%'",
                            String.class, nightMail.value())));

    // Back on the site later, the visitor finds the answer in the chat too.
    var back = read(start(nightChat, visitorId, null).body());
    assertThat(back.path("session").asString()).isEqualTo(session);
    assertThat(back.path("lines").toString()).contains("Yes, from 10 to 16 on Sundays.");
  }

  @Test
  void erasingTheCustomerEmptiesTheirChatTranscriptToo() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "chat.erasure." + tag + "@example.net";
    String text = "Order " + tag + " never came, my flat is 12B Jinqiao Road.";
    String visitorId = anonymous();
    String session = read(start(acmeChat, visitorId, null).body()).path("session").asString();
    assertThat(write(acmeChat, session, text, email).statusCode()).isEqualTo(202);
    Long customer =
        jdbc.queryForObject(
            "select c.customer_id from conversations_case c join conversations_message m"
                + " on m.case_id = c.id where m.body = ?",
            Long.class,
            text);
    assertThat(customer).isNotNull();
    assertThat(transcriptRowsMentioning(tag, email)).isEqualTo(2);

    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var erased =
        new WebClient(port)
            .api("POST", "/api/v1/compliance/customers/" + customer + "/erasure", token, "");
    assertThat(erased.statusCode()).isEqualTo(200);

    assertThat(transcriptRowsMentioning(tag, email)).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from connectors_webchat_session where visitor = ?",
                Integer.class,
                visitorId))
        .isZero();
    assertThat(
            jdbc.queryForList(
                "select body from connectors_webchat_line where session_id = ?",
                String.class,
                session))
        .containsExactly("[erased]");
    // The visitor coming back finds a new, empty chat.
    var back = read(start(acmeChat, visitorId, null).body());
    assertThat(back.path("session").asString()).isNotEqualTo(session);
    assertThat(back.path("lines").toString()).doesNotContain(tag);
  }

  @Test
  void erasingACustomerOfOneBrandLeavesTheSameAddressOnAnotherBrandsChat() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "two.brands." + tag + "@example.net";
    // Two people, or one who never proved it: an address typed into a chat links no customers.
    String acmeSession = read(start(acmeChat, anonymous(), null).body()).path("session").asString();
    String acmeText = "Acme order " + tag + " is late.";
    assertThat(write(acmeChat, acmeSession, acmeText, email).statusCode()).isEqualTo(202);
    String owlVisitor = anonymous();
    String owlSession = read(start(nightChat, owlVisitor, null).body()).path("session").asString();
    String owlText = "Night Owl order " + tag + " is late.";
    assertThat(write(nightChat, owlSession, owlText, email).statusCode()).isEqualTo(202);
    Long acmeCustomer = customerWhoWrote(acmeText);
    assertThat(customerWhoWrote(owlText)).isNotEqualTo(acmeCustomer);

    eraseCustomer(acmeCustomer);

    assertThat(linesOf(acmeSession)).containsExactly("[erased]");
    assertThat(
            jdbc.queryForMap(
                "select visitor, email from connectors_webchat_session where id = ?", acmeSession))
        .containsEntry("visitor", "erased:" + acmeSession)
        .containsEntry("email", null);
    assertThat(linesOf(owlSession)).as("the other brand's chat").containsExactly(owlText);
    assertThat(
            jdbc.queryForMap(
                "select visitor, email from connectors_webchat_session where id = ?", owlSession))
        .containsEntry("visitor", owlVisitor)
        .containsEntry("email", email);
    // The address the Acme visitor typed became their customer's profile email, which is erased
    // everywhere: Night Owl's inbound record of it goes too, while its chat and case stay.
    assertThat(
            jdbc.queryForList(
                "select account_id from channels_inbound where author = ?", Long.class, email))
        .as("inbound records still from the address")
        .isEmpty();
  }

  @Test
  void erasureOverwritesTheCustomersFilteredRecordsOnABrandTheyHaveNoCaseWith() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "away." + tag + "@example.net";
    CustomerId customer = customerWithEmail(email, tag);
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    cases.open(
        new NewCase(
            acme.id(), "Order " + tag, null, customer, null, "email", "Order " + tag, null));
    // An out-of-office answer to Night Owl's newsletter: filtered, no case.
    long record = autoReplyFrom(email, tag);

    eraseCustomer(customer.value());

    assertErased(record);
  }

  @Test
  void erasureOverwritesTheRecordsOfACustomerWithNoCase() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "no.case." + tag + "@example.net";
    CustomerId customer = customerWithEmail(email, tag);
    long record = autoReplyFrom(email, tag);

    eraseCustomer(customer.value());

    assertErased(record);
  }

  private CustomerId customerWithEmail(String email, String tag) {
    return customers.register(
        new NewCustomer(
            "Away " + tag,
            "en",
            Tier.STANDARD,
            List.of(email),
            List.of(),
            List.of(),
            List.of(),
            null));
  }

  private long autoReplyFrom(String email, String tag) {
    var result =
        ingest.receive(
            nightMail,
            new InboundMessage(
                "<away-" + tag + "@example.net>",
                null,
                List.of(),
                InboundAuthor.ofEmail(email, "Away " + tag),
                "Out of office " + tag,
                "Away until Monday " + tag,
                null,
                List.of(),
                false,
                Instant.now(),
                Map.of("auto-submitted", "auto-replied")));
    assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.FILTERED);
    assertThat(inboundRecord(result.inboundId())).containsEntry("author", email);
    return result.inboundId();
  }

  private Map<String, Object> inboundRecord(long id) {
    return jdbc.queryForMap(
        "select author, subject, payload from channels_inbound where id = ?", id);
  }

  @Test
  void anErasedChatTakesNoMoreMessagesTellsItsOpenPageAndTheVisitorStartsANewOne()
      throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String email = "open.tab." + tag + "@example.net";
    String visitorId = anonymous();
    String session = read(start(acmeChat, visitorId, null).body()).path("session").asString();
    String text = "My parcel " + tag + " is lost.";
    assertThat(write(acmeChat, session, text, email).statusCode()).isEqualTo(202);
    // The visitor's tab stays open through the erasure.
    var events =
        HttpRequest.newBuilder(URI.create(visitor.base() + eventsOf(acmeChat, session)))
            .header("Accept", "text/event-stream")
            .build();
    var stream =
        HttpClient.newHttpClient()
            .sendAsync(events, HttpResponse.BodyHandlers.ofLines())
            .get(10, TimeUnit.SECONDS);
    var heard = CompletableFuture.supplyAsync(() -> stream.body().toList());
    String reference =
        jdbc.queryForObject(
            "select c.reference from conversations_case c join conversations_message m"
                + " on m.case_id = c.id where m.body = ?",
            String.class,
            text);

    eraseCustomer(customerWhoWrote(text));

    assertThat(heard.get(10, TimeUnit.SECONDS)).contains("event:ended");
    String later = "Still there? " + tag;
    var refused = write(acmeChat, session, later, email);
    assertThat(refused.statusCode()).isEqualTo(410);
    assertThat(read(refused.body()).path("error").asString()).isEqualTo("chat_ended");
    var reading =
        visitor.api(
            "GET", "/chat/" + acmeChat.value() + "/sessions/" + session + "/lines", null, null);
    assertThat(reading.statusCode()).isEqualTo(410);
    assertThat(
            visitor.api("GET", eventsOf(acmeChat, session), null, null, "text/event-stream").body())
        .as("a page reconnecting")
        .contains("event:ended");
    // A reply still in the outbox when the erasure committed is not written into the chat.
    String visitorLine =
        jdbc.queryForObject(
            "select external_id from connectors_webchat_line where session_id = ?",
            String.class,
            session);
    var late =
        accounts
            .connector(acmeChat)
            .orElseThrow()
            .send(
                new OutboundMessage(
                    "late-" + tag,
                    visitorId,
                    null,
                    null,
                    "We found parcel " + tag + ".",
                    null,
                    visitorLine,
                    List.of(visitorLine),
                    reference,
                    true,
                    List.of(),
                    null));
    assertThat(late.status()).isNotEqualTo(DeliveryResult.Status.SENT);
    assertThat(linesOf(session)).containsExactly("[erased]");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_message where body = ?", Integer.class, later))
        .isZero();

    var again = read(start(acmeChat, visitorId, null).body());
    String fresh = again.path("session").asString();
    assertThat(fresh).isNotEqualTo(session);
    assertThat(again.path("lines").isEmpty()).isTrue();
    assertThat(write(acmeChat, fresh, later, email).statusCode()).isEqualTo(202);
    assertThat(linesOf(fresh)).containsExactly(later);
  }

  private static String eventsOf(ChannelAccountId account, String session) {
    return "/chat/" + account.value() + "/sessions/" + session + "/events";
  }

  private Long customerWhoWrote(String text) {
    return jdbc.queryForObject(
        "select c.customer_id from conversations_case c join conversations_message m"
            + " on m.case_id = c.id where m.body = ?",
        Long.class,
        text);
  }

  private void eraseCustomer(Long customer) {
    String token = ApiTokens.of(port, "admin", ParleyTest.ADMIN_PASSWORD);
    var erased =
        new WebClient(port)
            .api("POST", "/api/v1/compliance/customers/" + customer + "/erasure", token, "");
    assertThat(erased.statusCode()).isEqualTo(200);
  }

  private List<String> linesOf(String session) {
    return jdbc.queryForList(
        "select body from connectors_webchat_line where session_id = ? order by id",
        String.class,
        session);
  }

  /** Web chat sessions and lines whose text holds {@code tag} or {@code email}. */
  private int transcriptRowsMentioning(String tag, String email) {
    return jdbc.queryForObject(
            "select count(*) from connectors_webchat_session where email = ?", Integer.class, email)
        + jdbc.queryForObject(
            "select count(*) from connectors_webchat_line where body like ?",
            Integer.class,
            "%" + tag + "%");
  }

  private String anonymous() {
    return "v-" + UUID.randomUUID();
  }

  private HttpResponse<String> start(ChannelAccountId account, String visitorId, String identity) {
    Map<String, String> body = new LinkedHashMap<>();
    if (visitorId != null) {
      body.put("visitor", visitorId);
    }
    if (identity != null) {
      body.put("identity", identity);
    }
    return visitor.api(
        "POST", "/chat/" + account.value() + "/sessions", null, json.writeValueAsString(body));
  }

  private HttpResponse<String> write(
      ChannelAccountId account, String session, String text, String email) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("text", text);
    if (email != null) {
      body.put("email", email);
    }
    return visitor.api(
        "POST",
        "/chat/" + account.value() + "/sessions/" + session + "/messages",
        null,
        json.writeValueAsString(body));
  }

  private JsonNode read(String body) {
    return json.readTree(body);
  }

  /** What the company's server does: base64url(claims) "." base64url(HMAC-SHA256). */
  static String sign(String claims, String secret) {
    try {
      String payload = b64(claims);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return payload
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertErased(long inboundRecord) {
    assertThat(inboundRecord(inboundRecord))
        .containsEntry("author", "erased")
        .containsEntry("subject", null)
        .containsEntry("payload", null);
  }
}
