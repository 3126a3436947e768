package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input gets a clear 4xx answer in the user's language and leaks nothing. */
@ParleyTest
class ErrorResponsesTests {

  @LocalServerPort int port;

  @Test
  void wrongPasswordSendsBackToTheLoginPageWithAMessageInTheUsersLanguage() {
    var browser = new WebClient(port).language("zh-CN");

    String location = browser.login("li.na", "not-the-password");

    assertThat(location).endsWith("/login?error");
    var page = browser.get("/login?error");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("用户名或密码错误").doesNotContain("Bad credentials");
    assertThat(browser.language("en").get("/login?error").body())
        .contains("Wrong user name or password.");
  }

  @Test
  void formPostWithoutCsrfTokenIsRefusedWithAnExplanation() {
    var browser = new WebClient(port).language("zh-CN");
    browser.login("li.na", ParleyTest.DEMO_PASSWORD);

    var response = browser.postRaw("/cases/ACME-1001/take", Map.of());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(response.body()).contains("拒绝访问").contains("表单已过期");
    assertNoLeak(response.body());
  }

  @Test
  void unknownAddressIsA404PageForSignedInUsers() {
    var browser = new WebClient(port).language("zh-CN");
    browser.login("li.na", ParleyTest.DEMO_PASSWORD);

    var response = browser.get("/no/such/page");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("页面不存在").contains("返回 Parley");
    assertNoLeak(response.body());
    // Its language links reload the address asked for, not the error page's own.
    assertThat(response.body()).doesNotContain("/error?lang=").contains("?lang=en");
    assertThat(browser.language("en").get("/cases/ACME-999999").body()).contains("Not found");
  }

  @Test
  void anonymousVisitorsAreSentToSignIn() {
    var response = new WebClient(port).get("/cases");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void agentOpeningAdminPagesGetsAccessDenied() {
    var browser = new WebClient(port);
    browser.login("sam.taylor", ParleyTest.DEMO_PASSWORD);

    var response = browser.get("/admin/users");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Access denied").doesNotContain("zhou.min");
    assertNoLeak(response.body());
  }

  @Test
  void oversizedRequestIsRefusedBeforeAnyWorkIsDone() throws IOException {
    String page = rawPost("/customers", "application/x-www-form-urlencoded", "zh-CN");
    assertThat(page).startsWith("HTTP/1.1 413").contains("请求过大");
    assertNoLeak(page);

    String api = rawPost("/api/v1/customers", "application/json", "en");
    assertThat(api)
        .startsWith("HTTP/1.1 413")
        .containsIgnoringCase("Content-Type: application/problem+json")
        .contains("\"status\":413")
        .contains("Request too large");
  }

  @Test
  void apiWithoutTokenGetsAProblemDetail() {
    var response = new WebClient(port).api("GET", "/api/v1/me", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(response.body())
        .contains("\"title\":\"Sign-in required\"")
        .contains("\"status\":401");
  }

  @Test
  void apiWithAnInvalidTokenIsRefusedNotTreatedAsAnonymous() {
    var response =
        new WebClient(port).language("zh-CN").api("GET", "/api/v1/customers", "plt_forged", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("需要登录");
  }

  @Test
  void unknownApiAddressIsAProblemDetail() {
    var response = new WebClient(port).api("GET", "/api/v1/nothing-here", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  /** Sends headers announcing a 30 MB body and only the first bytes of it. */
  private String rawPost(String path, String contentType, String language) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  + contentType
                  + "\r\nAccept-Language: "
                  + language
                  + "\r\nContent-Length: 31457280\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      try {
        while ((read = in.read(buffer)) != -1) {
          response.write(buffer, 0, read);
        }
      } catch (IOException closedEarly) {
        // The server may close the connection as soon as it has answered.
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  static void assertNoLeak(String body) {
    assertThat(body)
        .doesNotContain("Exception")
        .doesNotContain("at io.parley")
        .doesNotContain("at org.springframework")
        .doesNotContain("Whitelabel");
  }
}
