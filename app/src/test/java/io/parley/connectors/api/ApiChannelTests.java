package io.parley.connectors.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A shop's system talks to Parley through the API channel: it posts signed messages to the webhook
 * and WireMock stands in for its callback endpoint receiving the agents' replies.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiChannelTests {

  static final String SECRET = "shop-shared-secret-2026";
  static final String CALLBACK = "/parley/replies";

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  WireMockServer shop;
  ChannelAccountId account;
  String token;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void connectTheShop() {
    shop = new WireMockServer(options().dynamicPort());
    shop.start();
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    account =
        accounts
            .connect(
                acme.id(),
                "api",
                "Acme online shop",
                "shop.acme.test",
                Map.of(
                    "sharedSecret",
                    SECRET,
                    "callbackUrl",
                    shop.baseUrl() + CALLBACK,
                    "timeoutSeconds",
                    "5"))
            .id();
    token = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
  }

  @AfterAll
  void disconnect() {
    accounts.activate(account, false);
    shop.stop();
  }

  @Test
  void twoMessagesOfOneThreadLandOnOneCaseAndTheReplyIsCalledBackSignedAndRetried() {
    var first =
        hook(
            """
            {"externalId":"order-5512-msg-1","author":{"id":"cust-981","name":"Zhao Lei",
             "email":"zhao.lei@shop-customer.test"},"subject":"Order 5512 arrived damaged",
             "text":"The screen of my new phone is cracked.","sentAt":"2026-03-01T08:00:00Z"}""");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"status\":\"accepted\"}");
    var second =
        hook(
            """
            {"externalId":"order-5512-msg-2","threadId":"order-5512-msg-1",
             "author":{"id":"cust-981","name":"Zhao Lei"},"text":"Photos are on the way."}""");
    assertThat(second.statusCode()).isEqualTo(200);

    String reference =
        jdbc.queryForObject(
            "select reference from conversations_case where subject = ?",
            String.class,
            "Order 5512 arrived damaged");
    assertThat(
            jdbc.queryForList(
                "select m.external_id from conversations_message m join conversations_case c"
                    + " on c.id = m.case_id where c.reference = ? order by m.id",
                String.class,
                reference))
        .containsExactly("order-5512-msg-1", "order-5512-msg-2");

    shop.stubFor(
        post(urlEqualTo(CALLBACK))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("recovered"));
    shop.stubFor(
        post(urlEqualTo(CALLBACK))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"shop-reply-77\"}")));

    var reply = new WebClient(port).reply(reference, token, "We are sending a replacement today.");
    assertThat(reply.statusCode()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "SENT".equals(replyColumn(reference, "m.delivery_status")));
    assertThat(replyColumn(reference, "m.external_id")).isEqualTo("shop-reply-77");
    Map<String, Object> outbox =
        jdbc.queryForMap(
            "select o.attempts, o.idempotency_key, o.status from channels_outbox o"
                + " join conversations_message m on o.source_ref = 'message:' || m.id"
                + " join conversations_case c on c.id = m.case_id where c.reference = ?",
            reference);
    assertThat(outbox.get("status")).isEqualTo("SENT");
    assertThat(outbox.get("attempts")).isEqualTo(2);

    List<LoggedRequest> calls =
        shop.findAll(
            postRequestedFor(urlEqualTo(CALLBACK))
                .withRequestBody(containing("\"caseReference\":\"" + reference + "\"")));
    assertThat(calls).hasSize(2);
    for (LoggedRequest call : calls) {
      assertThat(call.getHeader("Idempotency-Key")).isEqualTo(outbox.get("idempotency_key"));
      assertThat(call.getHeader("X-Parley-Signature")).isEqualTo(sign(call.getBody()));
      assertThat(call.getBodyAsString())
          .contains("\"caseReference\":\"" + reference + "\"")
          .contains("We are sending a replacement today.")
          .contains("\"inReplyTo\":\"order-5512-msg-2\"");
    }
  }

  @Test
  void aRefusedReplyFailsWithoutRetrying() {
    hook(
        """
        {"externalId":"refund-1","author":{"id":"cust-982","name":"Qian Li"},
         "subject":"Refund for order 7001","text":"Where is my refund?"}""");
    String reference =
        jdbc.queryForObject(
            "select reference from conversations_case where subject = ?",
            String.class,
            "Refund for order 7001");
    shop.stubFor(
        post(urlEqualTo(CALLBACK))
            .withRequestBody(containing("\"caseReference\":\"" + reference + "\""))
            .willReturn(aResponse().withStatus(422)));
    new WebClient(port).reply(reference, token, "Refunded yesterday.");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "FAILED".equals(replyColumn(reference, "m.delivery_status")));
    assertThat(
            shop.findAll(
                postRequestedFor(urlEqualTo(CALLBACK))
                    .withRequestBody(containing("\"caseReference\":\"" + reference + "\""))))
        .hasSize(1);
  }

  @Test
  void unsignedOrMalformedRequestsAreRefusedWithJson() throws Exception {
    String body =
        "{\"externalId\":\"forged-1\",\"author\":{\"id\":\"x\"},\"subject\":\"Forged\",\"text\":\"hi\"}";
    var forged = send(body, "sha256=" + "0".repeat(64));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(forged.body()).contains("\"error\"");
    assertThat(send(body, null).statusCode()).isEqualTo(401);

    var broken = send("{not json", sign("{not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("invalid JSON");

    String noText = "{\"externalId\":\"no-text-1\",\"author\":{\"id\":\"x\"}}";
    var incomplete = send(noText, sign(noText.getBytes(StandardCharsets.UTF_8)));
    assertThat(incomplete.statusCode()).isEqualTo(400);
    assertThat(incomplete.body()).contains("text");

    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where external_id in ('forged-1', 'no-text-1')",
                Long.class))
        .isZero();
  }

  @Test
  void aReplayedRequestIsAcceptedOnceOnly() {
    String body =
        "{\"externalId\":\"replay-1\",\"author\":{\"id\":\"cust-983\"},\"subject\":\"Replay test order 8100\",\"text\":\"Hello\"}";
    assertThat(hook(body).statusCode()).isEqualTo(200);
    assertThat(hook(body).statusCode()).isEqualTo(200);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from conversations_case where subject = ?",
                Long.class,
                "Replay test order 8100"))
        .isEqualTo(1);
  }

  private String replyColumn(String reference, String column) {
    return jdbc
        .queryForList(
            "select "
                + column
                + " from conversations_message m join conversations_case c on c.id = m.case_id"
                + " where c.reference = ? and m.kind = 'OUTBOUND'",
            String.class,
            reference)
        .stream()
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> hook(String json) {
    return send(json, sign(json.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(String json, String signature) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/" + account.value()))
            .header("Content-Type", "application/json");
    if (signature != null) {
      request.header("X-Parley-Signature", signature);
    }
    try {
      return http.send(
          request.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
