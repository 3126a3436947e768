package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ParleyTest
class OperationsTests {

  @LocalServerPort int port;

  @Test
  void healthProbesArePublic() {
    var web = new WebClient(port);
    assertThat(web.api("GET", "/actuator/health/liveness", null, null).body()).contains("UP");
    assertThat(web.api("GET", "/actuator/health/readiness", null, null).body()).contains("UP");
  }

  @Test
  void prometheusMetricsNeedAnAdminToken() {
    var web = new WebClient(port);
    assertThat(web.api("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    assertThat(
            web.api("GET", "/actuator/prometheus", tokenOf("li.na", ParleyTest.DEMO_PASSWORD), null)
                .statusCode())
        .isEqualTo(403);

    var metrics =
        web.api(
            "GET",
            "/actuator/prometheus",
            tokenOf("admin", ParleyTest.ADMIN_PASSWORD),
            null,
            "text/plain");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
  }

  @Test
  void openApiDocumentDescribesTheApiAndSwaggerUiIsServed() {
    var web = new WebClient(port);
    var doc = web.api("GET", "/api/docs/openapi.json", null, null);
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body()).contains("/api/v1/customers").contains("/api/v1/me").contains("bearer");

    var ui = web.browse("/api/docs");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");
  }

  private String tokenOf(String username, String password) {
    return io.parley.support.ApiTokens.of(port, username, password);
  }
}
