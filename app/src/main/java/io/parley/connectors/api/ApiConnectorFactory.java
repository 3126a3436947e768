package io.parley.connectors.api;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * API channel: any system (a shop, an app, a CRM) posts its customers' messages as signed JSON to
 * {@code /hooks/{account}}, and Parley posts the agents' replies, signed the same way, to the
 * system's callback URL.
 */
@Component
class ApiConnectorFactory implements ChannelConnectorFactory {

  static final String SECRET = "sharedSecret";
  static final String CALLBACK_URL = "callbackUrl";
  static final String TIMEOUT_SECONDS = "timeoutSeconds";

  private final JsonMapper json;

  ApiConnectorFactory(JsonMapper json) {
    this.json = json;
  }

  @Override
  public String type() {
    return "api";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.WEBHOOK, Capability.PRIVATE_MESSAGE);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.secret(SECRET, true),
        ConfigProperty.of(ConfigProperty.Type.URL, CALLBACK_URL, true),
        ConfigProperty.number(TIMEOUT_SECONDS, true, "10"));
  }

  @Override
  public List<String> validate(java.util.Map<String, String> settings) {
    String secret = settings.get(SECRET);
    if (secret != null && secret.length() < 16) {
      return List.of("connector.api.secret.short");
    }
    String timeout = settings.get(TIMEOUT_SECONDS);
    if (timeout != null && timeout.matches("\\d+")) {
      int seconds = Integer.parseInt(timeout);
      if (seconds < 1 || seconds > 120) {
        return List.of("connector.api.timeout");
      }
    }
    return List.of();
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new ApiConnector(account, json);
  }
}
