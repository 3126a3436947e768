package io.parley.connectors.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.DeliveryResult;
import io.parley.channels.OutboundMessage;
import io.parley.identity.BrandId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/** How the API connector reads its callback's answers, against WireMock without the application. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiConnectorTests {

  WireMockServer shop;
  ApiConnector connector;

  @BeforeAll
  void start() {
    shop = new WireMockServer(options().dynamicPort());
    shop.start();
    connector =
        new ApiConnector(
            new ConnectorAccount(
                new ChannelAccountId(1),
                new BrandId(1),
                "api",
                "Shop",
                "shop.test",
                Map.of(
                    "sharedSecret", "unit-test-secret-0123",
                    "callbackUrl", shop.baseUrl() + "/cb",
                    "timeoutSeconds", "1")),
            JsonMapper.builder().build());
  }

  @BeforeEach
  void reset() {
    shop.resetAll();
  }

  @AfterAll
  void stop() {
    shop.stop();
  }

  @Test
  void aRateLimitIsRetriedAfterTheWaitTheCallbackAsksFor() {
    shop.stubFor(
        post(urlEqualTo("/cb"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
    DeliveryResult result = connector.send(reply());
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRY);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void anAnswerWithoutAnIdKeepsTheIdempotencyKeyAsTheReplysId() {
    shop.stubFor(post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(204)));
    DeliveryResult result = connector.send(reply());
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(result.externalId()).isEqualTo("key-1");
  }

  @Test
  void aSlowCallbackIsRetriedLater() {
    shop.stubFor(
        post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
    assertThat(connector.send(reply()).status()).isEqualTo(DeliveryResult.Status.RETRY);
  }

  @Test
  void aRefusalIsFinal() {
    shop.stubFor(post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(403)));
    DeliveryResult result = connector.send(reply());
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(result.error()).contains("403");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertThat(ApiConnector.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
    assertThat(ApiConnector.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(ApiConnector.retryAfter(null)).isEqualTo(Duration.ofMinutes(1));
  }

  private static OutboundMessage reply() {
    return new OutboundMessage(
        "key-1",
        "cust-1",
        "Customer",
        "Re: x [ACME-1]",
        "Hello",
        null,
        null,
        List.of(),
        "ACME-1",
        true,
        List.of());
  }
}
