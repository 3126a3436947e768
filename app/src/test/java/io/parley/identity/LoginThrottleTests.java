package io.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyTest
class LoginThrottleTests {

  @LocalServerPort int port;
  @Autowired Users users;

  @Test
  void afterFiveWrongPasswordsEvenTheRightOneIsRefusedForAWhile() {
    users.register(
        new NewUser(
            "guessed.agent",
            "Guessed Agent",
            "guessed@acme.example",
            Role.AGENT,
            "the-right-password",
            null,
            Set.of()));
    var attacker = new WebClient(port);
    for (int i = 0; i < 5; i++) {
      assertThat(attacker.login("guessed.agent", "guess-" + i)).endsWith("/login?error");
    }

    var owner = new WebClient(port).language("zh-CN");
    assertThat(owner.login("guessed.agent", "the-right-password")).endsWith("/login?locked");
    assertThat(owner.get("/login?locked").body()).contains("失败次数过多");
    assertThat(owner.get("/").statusCode()).isEqualTo(302);
  }
}
