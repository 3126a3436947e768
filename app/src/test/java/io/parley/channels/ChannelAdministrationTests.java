package io.parley.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ParleyTest
class ChannelAdministrationTests {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ChannelAccounts accounts;
  @Autowired io.parley.conversations.Cases cases;

  @Test
  void anAdminConnectsAMailboxThroughTheFormBuiltFromTheConnectorsMetadata() {
    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    assertThat(admin.get("/admin/channels").body()).contains("data-testid=\"connect-email\"");
    String form = admin.get("/admin/channels/new?type=email").body();
    assertThat(form)
        .contains("name=\"setting.imapHost\"")
        .contains("name=\"setting.imapPassword\"")
        .contains("type=\"password\"")
        .contains("IMAP server");

    Map<String, String> incomplete = new LinkedHashMap<>();
    incomplete.put("type", "email");
    incomplete.put("brand", String.valueOf(brandId("ACME")));
    incomplete.put("name", "Returns desk");
    incomplete.put("address", "returns@acme-admin.test");
    var refused = admin.post("/admin/channels", incomplete);
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("IMAP server is required.")
        .contains("value=\"Returns desk\"");

    // The account's address is where replies come from: a mistyped one is named, not saved.
    Map<String, String> typo = new LinkedHashMap<>(incomplete);
    typo.put("address", "returns at acme-admin.test");
    assertThat(admin.post("/admin/channels", typo).body())
        .contains(
            "An email account&#39;s address is the mailbox&#39;s email address, e.g."
                + " support@acme.example: &quot;returns at acme-admin.test&quot; is not one.");

    Map<String, String> complete = new LinkedHashMap<>(incomplete);
    complete.put("setting.imapHost", "127.0.0.1");
    complete.put("setting.imapPort", "1");
    complete.put("setting.imapSecurity", "none");
    complete.put("setting.imapUser", "returns@acme-admin.test");
    complete.put("setting.imapPassword", "imap-Secret-4711");
    complete.put("setting.imapFolder", "INBOX");
    complete.put("setting.smtpHost", "127.0.0.1");
    complete.put("setting.smtpPort", "1");
    complete.put("setting.smtpSecurity", "none");
    complete.put("setting.pollSeconds", "1");
    var created = admin.post("/admin/channels", complete);
    assertThat(created.statusCode()).isEqualTo(302);
    String location = created.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

    Map<String, Object> row =
        jdbc.queryForMap("select settings, secrets from channels_account where id = ?", id);
    assertThat((String) row.get("settings"))
        .contains("\"imapHost\":\"127.0.0.1\"")
        .doesNotContain("Secret");
    assertThat((String) row.get("secrets")).startsWith("v1:").doesNotContain("imap-Secret-4711");
    String page = admin.get("/admin/channels/" + id).body();
    assertThat(page).doesNotContain("imap-Secret-4711").contains("Stored — leave empty to keep it");

    // Nothing listens on port 1: the failed poll shows on the account's health.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> accounts.health(new ChannelAccountId(id)).state().equals("error"));
    assertThat(admin.get("/admin/channels/" + id).body()).contains("Failing").contains("IMAP");

    // Saving with the password left empty keeps the stored one.
    String sealed = (String) row.get("secrets");
    complete.remove("setting.imapPassword");
    complete.put("name", "Returns desk (EU)");
    assertThat(admin.post("/admin/channels/" + id, complete).statusCode()).isEqualTo(302);
    String after =
        jdbc.queryForObject("select secrets from channels_account where id = ?", String.class, id);
    assertThat(after).startsWith("v1:");
    assertThat(accounts.visibleSettings(new ChannelAccountId(id)))
        .doesNotContainKey("imapPassword");
    assertThat(after).as("re-sealed with a fresh nonce, same secret").isNotEqualTo(sealed);

    admin.post("/admin/channels/" + id + "/active", Map.of("active", "false"));
    assertThat(accounts.health(new ChannelAccountId(id)).account().active()).isFalse();
  }

  @Test
  void theCompanyGrantsAnAccountToNamedAgentsAndOnlyTheyAnswerThroughIt() {
    long brand = brandId("ACME");
    var account =
        accounts.connect(
            new io.parley.identity.BrandId(brand),
            "email",
            "VIP desk",
            "vip@acme-grants.test",
            Map.of(
                "imapHost", "127.0.0.1",
                "imapPort", "1",
                "imapSecurity", "none",
                "imapUser", "vip",
                "imapPassword", "x",
                "imapFolder", "INBOX",
                "smtpHost", "127.0.0.1",
                "smtpPort", "1",
                "smtpSecurity", "none",
                "pollSeconds", "3600"));
    var aCase =
        cases.open(
            new io.parley.conversations.NewCase(
                new io.parley.identity.BrandId(brand),
                "VIP asks about their order",
                null,
                null,
                account.id(),
                "email",
                "Where is my order?",
                null));
    long zhouMin =
        jdbc.queryForObject("select id from identity_user where username = 'zhou.min'", Long.class);

    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    admin.get("/admin/channels/" + account.id().value());
    admin.post(
        "/admin/channels/" + account.id().value() + "/agents",
        Map.of("agentIds", String.valueOf(zhouMin)));
    assertThat(admin.get("/admin/channels/" + account.id().value()).body())
        .contains("value=\"" + zhouMin + "\" checked");

    var api = new WebClient(port);
    String body = "{\"kind\":\"REPLY\",\"body\":\"We are on it.\"}";
    var refused =
        api.api(
            "POST",
            "/api/v1/cases/" + aCase.reference() + "/messages",
            io.parley.support.ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD),
            body);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"code\":\"channel.notGranted\"");
    var note =
        api.api(
            "POST",
            "/api/v1/cases/" + aCase.reference() + "/messages",
            io.parley.support.ApiTokens.of(port, "li.na", ParleyTest.DEMO_PASSWORD),
            "{\"kind\":\"NOTE\",\"body\":\"Zhou Min, this one is yours.\"}");
    assertThat(note.statusCode()).as("notes stay open to every agent of the brand").isEqualTo(201);
    var granted =
        api.api(
            "POST",
            "/api/v1/cases/" + aCase.reference() + "/messages",
            io.parley.support.ApiTokens.of(port, "zhou.min", ParleyTest.DEMO_PASSWORD),
            body);
    assertThat(granted.statusCode()).isEqualTo(201);
  }

  @Test
  void anAddressNamingNoAccountIsNotFoundRatherThanAServerError() {
    var admin = new WebClient(port).language("zh-CN");
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);

    var page = admin.get("/admin/channels/999999");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("页面不存在");
    admin.get("/admin/channels");
    assertThat(
            admin
                .post("/admin/channels/999999", java.util.Map.of("name", "x", "address", "y"))
                .statusCode())
        .isEqualTo(404);
    assertThat(admin.post("/admin/channels/999999/active", java.util.Map.of("active", "false")))
        .extracting(r -> r.statusCode())
        .isEqualTo(404);
  }

  @Test
  void agentsCannotManageChannels() {
    var agent = new WebClient(port);
    agent.login("li.na", ParleyTest.DEMO_PASSWORD);
    assertThat(agent.get("/admin/channels").statusCode()).isEqualTo(403);
    assertThat(agent.get("/admin/channels/new?type=email").statusCode()).isEqualTo(403);
  }

  private long brandId(String prefix) {
    return jdbc.queryForObject(
        "select id from identity_brand where case_prefix = ?", Long.class, prefix);
  }
}
