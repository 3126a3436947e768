package io.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

/** Gets a personal API token the way a person does: sign in, create one, copy it. */
public final class ApiTokens {

  private ApiTokens() {}

  public static String of(int port, String username, String password) {
    var browser = new WebClient(port);
    browser.login(username, password);
    browser.get("/account");
    browser.post("/account/tokens", Map.of("name", "test " + System.nanoTime()));
    var m =
        Pattern.compile("data-testid=\"new-token\">(plt_[A-Za-z0-9_-]+)<")
            .matcher(browser.get("/account").body());
    assertThat(m.find()).as("token shown once after creation").isTrue();
    return m.group(1);
  }
}
