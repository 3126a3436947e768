package io.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.identity.internal.ApiTokens;
import io.parley.identity.internal.UserAdministration;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * API tokens are remembered for a short time after they were found valid; a revocation or a change
 * to their user must still take effect with the very next request.
 */
@ParleyTest
class ApiTokenCacheTests {

  @LocalServerPort int port;
  @Autowired Users users;
  @Autowired Brands brands;
  @Autowired ApiTokens tokens;
  @Autowired UserAdministration administration;

  @Test
  void aRevokedTokenStopsWorkingAtOnceWhileTheOwnersOtherTokenKeepsWorking() {
    UserSummary agent = register("cached.revoke");
    var revoked = tokens.issue(agent.id().value(), "to be revoked", null);
    var kept = tokens.issue(agent.id().value(), "kept", null);
    var api = new WebClient(port);
    for (int i = 0; i < 3; i++) {
      assertThat(me(api, revoked.secret()).statusCode()).isEqualTo(200);
      assertThat(me(api, kept.secret()).statusCode()).isEqualTo(200);
    }

    tokens.revoke(agent.id().value(), revoked.token().getId());

    assertThat(me(api, revoked.secret()).statusCode()).isEqualTo(401);
    assertThat(me(api, kept.secret()).statusCode()).isEqualTo(200);
  }

  @Test
  void aDeactivatedUsersTokenStopsWorkingAtOnceAndAgainAfterReactivation() {
    UserSummary agent = register("cached.deactivate");
    String token = tokens.issue(agent.id().value(), "sync", null).secret();
    var api = new WebClient(port);
    assertThat(me(api, token).statusCode()).isEqualTo(200);
    assertThat(me(api, token).statusCode()).isEqualTo(200);
    Long admin = users.findByUsername("admin").orElseThrow().id().value();

    administration.deactivate(agent.id().value(), admin);

    assertThat(me(api, token).statusCode()).isEqualTo(401);

    administration.reactivate(agent.id().value());

    assertThat(me(api, token).statusCode()).isEqualTo(200);
  }

  @Test
  void changedBrandsApplyToTheNextRequestOfACachedToken() {
    UserSummary agent = register("cached.brands");
    String token = tokens.issue(agent.id().value(), "sync", null).secret();
    var api = new WebClient(port);
    assertThat(me(api, token).body()).contains("\"brandIds\":[]");
    assertThat(me(api, token).body()).contains("\"brandIds\":[]");
    BrandId acme = brands.all().get(0).id();

    administration.updateBrands(agent.id().value(), Set.of(acme));

    assertThat(me(api, token).body()).contains("\"brandIds\":[" + acme.value() + "]");
  }

  private UserSummary register(String username) {
    return users.register(
        new NewUser(
            username,
            "Cache Test " + username,
            username + "@acme.example",
            Role.AGENT,
            "cache-test-password",
            null,
            Set.of()));
  }

  private static java.net.http.HttpResponse<String> me(WebClient api, String token) {
    return api.api("GET", "/api/v1/me", token, null);
  }
}
