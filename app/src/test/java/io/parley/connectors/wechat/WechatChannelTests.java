package io.parley.connectors.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.parley.connectors.wechat.WechatConnectorTests.PIC_PATH;
import static io.parley.connectors.wechat.WechatConnectorTests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccounts;
import io.parley.connectors.support.SortedSha1;
import io.parley.identity.Brands;
import io.parley.support.ApiTokens;
import io.parley.support.ChannelPolls;
import io.parley.support.ParleyTest;
import io.parley.support.PostedMedia;
import io.parley.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A WeChat official account on the running application: WeChat's signed callbacks (replayed from
 * the documented XML) become one case per follower with their photos attached (WeChat's image CDN
 * and API served by WireMock), the agent's answer goes out through the customer-service API, and
 * forged or replayed callbacks are refused and shown on the account's health.
 */
@ParleyTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WechatChannelTests {

  static final String TOKEN = "AcmeChannelToken77";

  @LocalServerPort int port;
  @Autowired ChannelAccounts accounts;
  @Autowired Brands brands;
  @Autowired JdbcTemplate jdbc;

  @org.springframework.beans.factory.annotation.Value("${parley.conversations.attachment-dir}")
  String attachmentDir;

  WireMockServer wechat = new WireMockServer(options().dynamicPort());
  ChannelAccountId account;
  ChannelAccountId safeAccount;
  final HttpClient http = HttpClient.newHttpClient();
  int nonce = 5000;

  @BeforeAll
  void connect() {
    wechat.start();
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/stable_token"))
            .willReturn(json(payload("stable_token.json"))));
    wechat.stubFor(
        get(urlPathEqualTo("/cgi-bin/user/info")).willReturn(json(payload("user_info.json"))));
    wechat.stubFor(
        post(urlPathEqualTo("/cgi-bin/message/custom/send"))
            .willReturn(json(payload("custom_send_ok.json"))));
    // WeChat's image CDN (mmbiz.qpic.cn), where a photo's PicUrl points.
    wechat.stubFor(
        get(urlPathEqualTo(PIC_PATH))
            .willReturn(PostedMedia.served(PostedMedia.JPEG, "image/jpeg")));
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    account =
        accounts
            .connect(
                acme.id(),
                "wechat",
                "Acme Mobile 服务号 (test)",
                "gh_acmemobile01",
                Map.of(
                    "wechatAppId", "wxacme0000000001",
                    "wechatAppSecret", "acme-app-secret",
                    "wechatToken", TOKEN,
                    "wechatApiUrl", wechat.baseUrl(),
                    "wechatWelcomeText", "欢迎关注 Acme手机！",
                    "wechatFetchUserInfo", "true",
                    "wechatMaxSkewSeconds", "300"))
            .id();
    // The same official account's settings in safe mode (its EncodingAESKey set).
    safeAccount =
        accounts
            .connect(
                acme.id(),
                "wechat",
                "Acme Mobile 服务号 (safe mode test)",
                "gh_acmemobile01-safe",
                Map.of(
                    "wechatAppId", "wxacme0000000001",
                    "wechatAppSecret", "acme-app-secret",
                    "wechatToken", TOKEN,
                    "wechatEncodingAesKey", WechatCipherTests.ACME_KEY,
                    "wechatApiUrl", wechat.baseUrl(),
                    "wechatFetchUserInfo", "true",
                    "wechatMaxSkewSeconds", "300"))
            .id();
  }

  @AfterAll
  void stop() {
    accounts.activate(account, false);
    accounts.activate(safeAccount, false);
    wechat.stop();
  }

  @Test
  void aFollowersMessagesBecomeOneCaseAndTheAnswerGoesThroughTheCustomerServiceApi()
      throws Exception {
    var echo = call("GET", null, "&echostr=7349204713");
    assertThat(echo.statusCode()).isEqualTo(200);
    assertThat(echo.body()).isEqualTo("7349204713");

    var first = call("POST", payload("text.xml"), "");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("success");
    assertThat(call("POST", onCdn(payload("image.xml")), "").statusCode()).isEqualTo(200);

    List<Long> cases =
        jdbc.queryForList(
            "select distinct case_id from conversations_message where external_id in"
                + " ('wechat:24451870000000001', 'wechat:24451870000000002')",
            Long.class);
    assertThat(cases).hasSize(1);
    String reference =
        jdbc.queryForObject(
            "select reference from conversations_case where id = ?", String.class, cases.get(0));
    // The photo is on the case, the bytes WeChat's CDN served.
    var photo = PostedMedia.of(jdbc, attachmentDir, "wechat:24451870000000002");
    assertThat(photo).hasSize(1);
    assertThat(photo.get(0).filename()).isEqualTo("image-24451870000000002.jpg");
    assertThat(photo.get(0).contentType()).isEqualTo("image/jpeg");
    assertThat(photo.get(0).bytes()).isEqualTo(PostedMedia.JPEG);
    assertThat(PostedMedia.body(jdbc, "wechat:24451870000000002")).isEqualTo("[图片 image]");

    String token = ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD);
    var replied = new WebClient(port).reply(reference, token, "您好，请先将系统更新到 3.3.1");
    assertThat(replied.statusCode()).as(replied.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !wechat
                    .findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")))
                    .isEmpty());
    var sent =
        wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))).get(0);
    assertThat(sent.queryParameter("access_token").firstValue()).isEqualTo("ACCESS_TOKEN_ONE");
    var body =
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(sent.getBodyAsString());
    assertThat(body.path("touser").asString()).isEqualTo("oAcme_wangjun_0001");
    assertThat(body.path("msgtype").asString()).isEqualTo("text");
    assertThat(body.path("text").path("content").asString()).startsWith("您好，请先将系统更新到 3.3.1");
    assertThat(body.propertyNames()).containsExactlyInAnyOrder("touser", "msgtype", "text");
    wechat.verify(
        postRequestedFor(urlPathEqualTo("/cgi-bin/stable_token"))
            .withRequestBody(
                equalToJson(
                    "{\"grant_type\":\"client_credential\",\"appid\":\"wxacme0000000001\","
                        + "\"secret\":\"acme-app-secret\",\"force_refresh\":false}")));
  }

  @Test
  void aFollowersReceiptPhotoReachesTheCaseAndOneWechatNoLongerServesIsNamedInIt()
      throws Exception {
    wechat.stubFor(
        get(urlPathEqualTo("/mmbiz_png/acme-receipt/0"))
            .willReturn(PostedMedia.served(PostedMedia.PNG, "image/png")));
    wechat.stubFor(
        get(urlPathEqualTo("/mmbiz_jpg/acme-expired/0")).willReturn(aResponse().withStatus(404)));

    var receipt =
        call(
            "POST",
            photo("24451870000000031", "/mmbiz_png/acme-receipt/0", "oAcme_photo_0031"),
            "");
    assertThat(receipt.statusCode()).isEqualTo(200);
    ChannelPolls.awaitCaseOf(jdbc, "wechat:24451870000000031");
    var stored = PostedMedia.of(jdbc, attachmentDir, "wechat:24451870000000031");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).filename()).isEqualTo("image-24451870000000031.png");
    assertThat(stored.get(0).contentType()).isEqualTo("image/png");
    assertThat(stored.get(0).bytes()).isEqualTo(PostedMedia.PNG);

    var expired =
        call(
            "POST",
            photo("24451870000000032", "/mmbiz_jpg/acme-expired/0", "oAcme_photo_0032"),
            "");
    assertThat(expired.statusCode()).isEqualTo(200);
    ChannelPolls.awaitCaseOf(jdbc, "wechat:24451870000000032");
    assertThat(PostedMedia.of(jdbc, attachmentDir, "wechat:24451870000000032")).isEmpty();
    assertThat(PostedMedia.body(jdbc, "wechat:24451870000000032"))
        .isEqualTo(
            "[图片 image]\n\n[image-24451870000000032.jpg (not downloaded: HTTP 404): "
                + wechat.baseUrl()
                + "/mmbiz_jpg/acme-expired/0]");
  }

  @Test
  void anAdminRemovesTheEncodingAesKeyAndPlaintextMessagesAreAcceptedAgain() throws Exception {
    var acme =
        brands.all().stream().filter(b -> b.casePrefix().equals("ACME")).findFirst().orElseThrow();
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("wechatAppId", "wxacme0000000001");
    settings.put("wechatAppSecret", "acme-app-secret");
    settings.put("wechatToken", TOKEN);
    settings.put("wechatEncodingAesKey", WechatCipherTests.ACME_KEY);
    settings.put("wechatApiUrl", wechat.baseUrl());
    settings.put("wechatFetchUserInfo", "true");
    settings.put("wechatMaxSkewSeconds", "300");
    ChannelAccountId switched =
        accounts
            .connect(
                acme.id(),
                "wechat",
                "Acme Mobile 服务号 (back to plaintext)",
                "gh_acmemobile01-plain",
                settings)
            .id();
    try {
      var refused =
          raw(switched, "POST", signedQuery(Instant.now()), plaintext("24451870000000041"));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("encrypt_type=aes");

      var admin = new WebClient(port);
      admin.login("admin", ParleyTest.ADMIN_PASSWORD);
      String page = admin.get("/admin/channels/" + switched.value()).body();
      assertThat(page)
          .contains("name=\"remove\" value=\"wechatEncodingAesKey\"")
          .contains("Remove the stored EncodingAESKey")
          // Required secrets can be replaced, not removed: no box beside them.
          .doesNotContain("value=\"wechatAppSecret\"")
          .doesNotContain("value=\"wechatToken\"");
      Map<String, String> form = new java.util.LinkedHashMap<>();
      form.put("name", "Acme Mobile 服务号 (back to plaintext)");
      form.put("address", "gh_acmemobile01-plain");
      form.put("setting.wechatAppId", "wxacme0000000001");
      form.put("setting.wechatApiUrl", wechat.baseUrl());
      form.put("setting.wechatFetchUserInfo", "true");
      form.put("setting.wechatMaxSkewSeconds", "300");

      // Posted anyway, removing a required secret is refused with the reason.
      Map<String, String> withoutToken = new java.util.LinkedHashMap<>(form);
      withoutToken.put("remove", "wechatToken");
      var kept = admin.post("/admin/channels/" + switched.value(), withoutToken);
      assertThat(kept.statusCode()).isEqualTo(200);
      assertThat(kept.body())
          .contains("Server token is required: it can be replaced, not removed.");
      var chinese = new WebClient(port).language("zh-CN");
      chinese.login("admin", ParleyTest.ADMIN_PASSWORD);
      assertThat(chinese.get("/admin/channels/" + switched.value()).body())
          .contains("删除已保存的消息加解密密钥（EncodingAESKey）");
      assertThat(chinese.post("/admin/channels/" + switched.value(), withoutToken).body())
          .contains("服务器令牌（Token）为必填项：只能更换，不能删除。");

      // A new key and its removal at once: which one was meant is not guessed.
      Map<String, String> both = new java.util.LinkedHashMap<>(form);
      both.put("remove", "wechatEncodingAesKey");
      both.put("setting.wechatEncodingAesKey", WechatCipherTests.ACME_KEY);
      assertThat(admin.post("/admin/channels/" + switched.value(), both).body())
          .contains("EncodingAESKey: either enter a new value or remove the stored one, not both.")
          .contains("id=\"s-wechatEncodingAesKey-remove\" checked");

      form.put("remove", "wechatEncodingAesKey");
      var saved = admin.post("/admin/channels/" + switched.value(), form);
      assertThat(saved.statusCode()).isEqualTo(302);
      assertThat(accounts.storedSecrets(switched))
          .containsExactlyInAnyOrder("wechatAppSecret", "wechatToken");
      assertThat(admin.get("/admin/channels/" + switched.value()).body())
          .doesNotContain("value=\"wechatEncodingAesKey\"");
      // The audit trail says who removed which secret (its value was never posted).
      assertThat(
              jdbc.queryForList(
                  "select after_value from compliance_audit_entry where action = 'admin.changed'"
                      + " and subject_id = ? order by id",
                  String.class,
                  "POST /admin/channels/" + switched.value()))
          .last()
          .asString()
          .contains("\"remove\":\"wechatEncodingAesKey\"")
          .contains("\"_status\":302");

      // The account is in plaintext mode again: WeChat's plaintext push opens a case.
      var accepted =
          raw(switched, "POST", signedQuery(Instant.now()), plaintext("24451870000000042"));
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(accepted.body()).isEqualTo("success");
      assertThat(inbound(switched, "wechat:24451870000000042")).isOne();
      assertThat(inbound(switched, "wechat:24451870000000041")).isZero();
    } finally {
      accounts.activate(switched, false);
    }
  }

  @Test
  void aNewFollowerIsWelcomedAtOnceWithoutACase() throws Exception {
    var welcome = call("POST", payload("event_subscribe.xml"), "");
    assertThat(welcome.statusCode()).isEqualTo(200);
    assertThat(welcome.body()).contains("<Content><![CDATA[欢迎关注 Acme手机！]]></Content>");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where account_id = ? and author ="
                    + " 'oAcme_newfan_0002'",
                Long.class,
                account.value()))
        .isZero();
  }

  @Test
  void forgedAndReplayedCallbacksAreRefusedAndShownOnTheAccount() throws Exception {
    String forgedQuery =
        "?signature="
            + "0".repeat(40)
            + "&timestamp="
            + Instant.now().getEpochSecond()
            + "&nonce=1";
    var forged = raw(account, "POST", forgedQuery, payload("link.xml"));
    assertThat(forged.statusCode()).isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                String.valueOf(accounts.health(account).lastError()).contains("invalid signature"));

    String query = signedQuery(Instant.now());
    assertThat(raw(account, "POST", query, payload("location.xml")).statusCode()).isEqualTo(200);
    var replayed = raw(account, "POST", query, payload("location.xml"));
    assertThat(replayed.statusCode()).isEqualTo(403);
    assertThat(replayed.body()).contains("replayed");
    var stale =
        raw(account, "POST", signedQuery(Instant.now().minusSeconds(3600)), payload("link.xml"));
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(accounts.health(account).lastError()).contains("stale");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from channels_inbound where account_id = ? and external_id in"
                    + " ('wechat:24451870000000004', 'wechat:24451870000000005')",
                Long.class,
                account.value()))
        .isEqualTo(1);
  }

  @Test
  void aMessageInSafeModeOpensACaseAndADamagedOneIsRefusedUnstored() throws Exception {
    var damaged = encryptedCall("safe_mode_bad_padding.xml");
    assertThat(damaged.statusCode()).isEqualTo(400);
    assertThat(damaged.body()).contains("invalid padding");
    assertThat(accounts.health(safeAccount).lastError()).contains("invalid padding");
    assertThat(inbound(safeAccount, "wechat:24451870000000021")).isZero();

    // With a key set, a plaintext push is refused: the URL's signature does not cover its body.
    var plaintext =
        raw(
            safeAccount,
            "POST",
            signedQuery(Instant.now()),
            WechatConnectorTests.payload("text.xml"));
    assertThat(plaintext.statusCode()).isEqualTo(400);
    assertThat(plaintext.body()).contains("encrypt_type=aes");

    var sent = encryptedCall("safe_mode_text.xml");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).isEqualTo("success");
    assertThat(inbound(safeAccount, "wechat:24451870000000021")).isOne();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.queryForList(
                    "select m.body from conversations_message m join conversations_case c on"
                        + " c.id = m.case_id where m.external_id = 'wechat:24451870000000021'",
                    String.class),
            bodies -> bodies.equals(List.of("安全模式：X12 充电很慢，正常吗？请尽快回复，谢谢！")));
  }

  @Test
  void anAdminIsToldWhenTheEncodingAesKeyIsNotOneWechatGives() {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("type", "wechat");
    form.put(
        "brand",
        String.valueOf(
            brands.all().stream()
                .filter(b -> b.casePrefix().equals("ACME"))
                .findFirst()
                .orElseThrow()
                .id()
                .value()));
    form.put("name", "Acme 订阅号");
    form.put("address", "gh_acmesubscr02");
    form.put("setting.wechatAppId", "wxacme0000000002");
    form.put("setting.wechatAppSecret", "acme-app-secret-2");
    form.put("setting.wechatToken", "AcmeSubscription02");
    form.put("setting.wechatEncodingAesKey", "AcmeMobileSafeMode2026EncodingAESKey012345=");
    form.put("setting.wechatMaxSkewSeconds", "300");
    var english = new WebClient(port);
    english.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(english.get("/admin/channels/new?type=wechat").body())
        .contains("name=\"setting.wechatEncodingAesKey\"")
        .contains("EncodingAESKey");
    var refused = english.post("/admin/channels", form);
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("The EncodingAESKey takes exactly 43 letters and digits")
        .contains("value=\"Acme 订阅号\"");
    var chinese = new WebClient(port).language("zh-CN");
    chinese.login("admin", ParleyTest.ADMIN_PASSWORD);
    chinese.get("/admin/channels/new?type=wechat");
    assertThat(chinese.post("/admin/channels", form).body())
        .contains("EncodingAESKey 须为 43 位字母或数字");
  }

  private long inbound(String externalId) {
    return inbound(account, externalId);
  }

  private long inbound(ChannelAccountId target, String externalId) {
    return jdbc.queryForObject(
        "select count(*) from channels_inbound where account_id = ? and external_id = ?",
        Long.class,
        target.value(),
        externalId);
  }

  /** A fixture encrypted by openssl for this account, signed now as safe mode signs it. */
  private HttpResponse<String> encryptedCall(String fixture) throws Exception {
    byte[] body = WechatConnectorTests.payload(fixture);
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String n = String.valueOf(nonce++);
    String query =
        "?signature="
            + SortedSha1.of(TOKEN, timestamp, n)
            + "&timestamp="
            + timestamp
            + "&nonce="
            + n
            + "&openid=oAcme_zhaomin_0005&encrypt_type=aes&msg_signature="
            + SortedSha1.of(TOKEN, timestamp, n, WechatCipherTests.encryptOf(body));
    return raw(safeAccount, "POST", query, body);
  }

  /** text.xml as another message of its follower. */
  private static byte[] plaintext(String msgId) {
    return new String(payload("text.xml"), java.nio.charset.StandardCharsets.UTF_8)
        .replace("<MsgId>24451870000000001</MsgId>", "<MsgId>" + msgId + "</MsgId>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** image.xml as another follower's photo, on the stub of WeChat's image CDN. */
  private byte[] photo(String msgId, String picPath, String openid) {
    return new String(onCdn(payload("image.xml")), java.nio.charset.StandardCharsets.UTF_8)
        .replace(PIC_PATH, picPath)
        .replace("oAcme_wangjun_0001", openid)
        .replace("<MsgId>24451870000000002</MsgId>", "<MsgId>" + msgId + "</MsgId>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private byte[] onCdn(byte[] payload) {
    return WechatConnectorTests.onCdn(payload, wechat.baseUrl());
  }

  private HttpResponse<String> call(String method, byte[] body, String extra) throws Exception {
    return raw(account, method, signedQuery(Instant.now()) + extra, body);
  }

  private String signedQuery(Instant at) {
    String timestamp = String.valueOf(at.getEpochSecond());
    String n = String.valueOf(nonce++);
    return "?signature="
        + SortedSha1.of(TOKEN, timestamp, n)
        + "&timestamp="
        + timestamp
        + "&nonce="
        + n;
  }

  private HttpResponse<String> raw(
      ChannelAccountId target, String method, String query, byte[] body) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/hooks/" + target.value() + query))
            .header("Content-Type", "text/xml");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A recorded callback moved to the present: its CreateTime shifted by the same amount for every
   * payload (their order kept), so the 48-hour window to answer privately is still open whatever
   * day the test runs.
   */
  private static final long SHIFT = Instant.now().getEpochSecond() - 1795395600L - 600;

  private static byte[] payload(String file) {
    long shift = SHIFT;
    String xml =
        new String(WechatConnectorTests.payload(file), java.nio.charset.StandardCharsets.UTF_8);
    java.util.regex.Matcher time =
        java.util.regex.Pattern.compile("<CreateTime>(\\d+)</CreateTime>").matcher(xml);
    StringBuilder out = new StringBuilder();
    while (time.find()) {
      time.appendReplacement(
          out, "<CreateTime>" + (Long.parseLong(time.group(1)) + shift) + "</CreateTime>");
    }
    time.appendTail(out);
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
