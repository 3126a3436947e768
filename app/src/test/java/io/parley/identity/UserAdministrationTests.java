package io.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyTest
class UserAdministrationTests {

  @LocalServerPort int port;
  @Autowired Users users;

  @Test
  void adminInvitesAnAgentWhoSetsAPasswordAndSignsIn() {
    var admin = new WebClient(port);
    assertThat(admin.login("admin", ParleyTest.ADMIN_PASSWORD)).endsWith("/");
    admin.get("/admin/users");

    var created =
        admin.post(
            "/admin/users",
            Map.of(
                "username", "chen.hui",
                "displayName", "陈慧",
                "email", "chen.hui@acme.example",
                "role", "AGENT",
                "signature", "^CH"));
    assertThat(created.statusCode()).isEqualTo(302);
    String page = admin.get("/admin/users").body();
    var link = Pattern.compile("data-testid=\"invite-link\">([^<]+)<").matcher(page);
    assertThat(link.find()).isTrue();

    var invitee = new WebClient(port);
    assertThat(invitee.login("chen.hui", "anything-at-all")).endsWith("/login?error");
    String invitePath = URI.create(link.group(1)).getPath();
    assertThat(invitee.get(invitePath).body()).contains("陈慧");
    var accepted =
        invitee.post(
            invitePath,
            Map.of("password", "a-long-new-password", "confirmation", "a-long-new-password"));
    assertThat(accepted.headers().firstValue("Location").orElseThrow())
        .endsWith("/login?activated");

    assertThat(invitee.login("chen.hui", "a-long-new-password")).endsWith("/");
    assertThat(invitee.get("/").body()).contains("陈慧");
    assertThat(new WebClient(port).get(invitePath).body()).contains("invalid");
  }

  @Test
  void invitationRejectsAShortPassword() {
    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    admin.get("/admin/users");
    admin.post(
        "/admin/users",
        Map.of(
            "username", "short.pw",
            "displayName", "Short Password",
            "email", "short.pw@acme.example",
            "role", "AGENT"));
    var link =
        Pattern.compile("data-testid=\"invite-link\">([^<]+)<")
            .matcher(admin.get("/admin/users").body());
    assertThat(link.find()).isTrue();
    var invitee = new WebClient(port);
    String path = URI.create(link.group(1)).getPath();
    invitee.get(path);

    var response = invitee.post(path, Map.of("password", "short", "confirmation", "short"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("at least 12 characters");
  }

  @Test
  void deactivatedUserIsSignedOutAndCannotSignInButKeepsTheirRecord() {
    users.register(
        new NewUser(
            "leaving.agent",
            "Leaving Agent",
            "leaving@acme.example",
            Role.AGENT,
            "leaving-agent-password",
            "^LA",
            java.util.Set.of()));
    var agent = new WebClient(port);
    assertThat(agent.login("leaving.agent", "leaving-agent-password")).endsWith("/");
    assertThat(agent.get("/").statusCode()).isEqualTo(200);

    var admin = new WebClient(port);
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    String list = admin.get("/admin/users").body();
    Long leavingId = users.findByUsername("leaving.agent").orElseThrow().id().value();
    assertThat(list).contains("/admin/users/" + leavingId + "/deactivate");
    admin.post("/admin/users/" + leavingId + "/deactivate", Map.of());

    assertThat(agent.get("/").statusCode()).isEqualTo(302);
    assertThat(new WebClient(port).login("leaving.agent", "leaving-agent-password"))
        .endsWith("/login?error");
    var kept = users.findByUsername("leaving.agent").orElseThrow();
    assertThat(kept.active()).isFalse();
    assertThat(kept.displayName()).isEqualTo("Leaving Agent");
  }

  @Test
  void adminCannotCreateAUserWithATakenUserName() {
    var admin = new WebClient(port).language("zh-CN");
    admin.login("admin", ParleyTest.ADMIN_PASSWORD);
    admin.get("/admin/users");

    admin.post(
        "/admin/users",
        Map.of(
            "username", "li.na",
            "displayName", "Another Li Na",
            "email", "another.lina@acme.example",
            "role", "AGENT"));

    assertThat(admin.get("/admin/users").body()).contains("该用户名已被使用");
  }
}
