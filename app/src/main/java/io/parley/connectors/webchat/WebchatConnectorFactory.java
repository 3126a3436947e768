package io.parley.connectors.webchat;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web chat: a widget the company embeds on its site with one script tag. Visitors write live to the
 * agents of the account's brand and get replies pushed back; when no agent is there, they leave an
 * email address and the answer comes by email.
 */
@Component
class WebchatConnectorFactory implements ChannelConnectorFactory {

  private final Transcripts transcripts;
  private final LiveChats live;
  private final JsonMapper json;

  WebchatConnectorFactory(Transcripts transcripts, LiveChats live, JsonMapper json) {
    this.transcripts = transcripts;
    this.live = live;
    this.json = json;
  }

  @Override
  public String type() {
    return "webchat";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.PRIVATE_MESSAGE);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.text("allowedOrigins", false, null),
        ConfigProperty.secret("identitySecret", false),
        ConfigProperty.text("greeting", false, null),
        ConfigProperty.text("offlineMessage", false, null),
        ConfigProperty.number("agentIdleMinutes", true, "15"),
        ConfigProperty.number("visitorMessagesPerMinute", true, "20"),
        ConfigProperty.number("addressMessagesPerMinute", true, "60"));
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String origins = settings.get("allowedOrigins");
    if (origins != null && !origins.isBlank()) {
      for (String origin : origins.strip().split("[\\s,]+")) {
        if (!origin.matches("https?://[^/\\s]+/?")) {
          problems.add("connector.webchat.origin");
          break;
        }
      }
    }
    String secret = settings.get("identitySecret");
    if (secret != null && !secret.isBlank() && secret.length() < 16) {
      problems.add("connector.webchat.secretShort");
    }
    return problems;
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new WebchatConnector(account, transcripts, live, json);
  }
}
