package io.parley.integration.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.customers.CustomerId;
import io.parley.customers.CustomerSummary;
import io.parley.customers.Stage;
import io.parley.customers.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The admin's JSON mapping read against documented order payloads (no application context). */
class HttpBackOfficeTests {

  @Test
  void readsOrdersThroughTheMapping() throws Exception {
    var erp = new WireMockServer(options().dynamicPort());
    erp.start();
    try {
      erp.stubFor(
          get(urlEqualTo("/admin/api/2024-01/orders.json?email=wj%40example.cn&status=any"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          Files.readString(
                              Path.of(
                                  "src/test/resources/integration/backoffice/orders-wang-jun.json")))));
      var settings = shopifyLike(erp.baseUrl());
      var customer =
          new CustomerSummary(
              new CustomerId(7),
              "王军",
              null,
              Tier.STANDARD,
              List.of("wj@example.cn"),
              List.of(),
              null,
              Stage.CONTACT,
              null);

      var orders =
          new HttpBackOffice(JsonMapper.builder().build())
              .orders(settings, customer)
              .get(10, TimeUnit.SECONDS);

      assertThat(orders).hasSize(2);
      assertThat(orders.get(0).number()).isEqualTo("#1001");
      assertThat(orders.get(0).status()).isEqualTo("fulfilled");
      assertThat(orders.get(0).items()).containsExactly("Acme Phone X", "Acme Phone X case");
      assertThat(orders.get(0).email()).isEqualTo("wang.jun.sh@example.cn");
      assertThat(orders.get(1).status()).isNull();
    } finally {
      erp.stop();
    }
  }

  static BackOfficeSettings shopifyLike(String baseUrl) {
    var s = new BackOfficeSettings();
    s.setEnabled(true);
    s.setBaseUrl(baseUrl);
    s.setOrdersPath("/admin/api/2024-01/orders.json?email={email}&status=any");
    s.setOrderPath("/admin/api/2024-01/orders.json?name={orderNumber}&status=any");
    s.setOrdersPointer("/orders");
    s.setNumberPointer("/name");
    s.setStatusPointer("/fulfillment_status");
    s.setPlacedAtPointer("/created_at");
    s.setItemsPointer("/line_items");
    s.setItemNamePointer("/title");
    s.setEmailPointer("/email");
    s.setPhonePointer("/phone");
    return s;
  }
}
