package io.parley.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What the networks' stubs answer with: JSON bodies and the recorded payloads under resources. */
public final class Stubs {

  private Stubs() {}

  /** A 200 answer with a JSON body, as the networks' APIs give it. */
  public static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  /** A test resource as UTF-8 text, e.g. {@code fixture("connectors/x/users-me.json")}. */
  public static String fixture(String path) {
    try (InputStream in = Stubs.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
