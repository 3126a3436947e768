package io.parley.connectors.telegram;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.TextLimit;
import io.parley.connectors.support.MediaDownloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram bot: messages reach the bot by long polling ({@code getUpdates}) or by a webhook that
 * the connector registers itself ({@code setWebhook} with a secret token), with their photos and
 * documents fetched as attachments; answers go back with {@code sendMessage}, as a reply to the
 * customer's message. A private chat is private; a group is public.
 */
@Component
class TelegramConnectorFactory implements ChannelConnectorFactory {

  static final String API_BASE_URL = "apiBaseUrl";
  static final String BOT_TOKEN = "botToken";
  static final String MODE = "mode";
  static final String WEBHOOK_SECRET = "webhookSecret";
  static final String POLL_SECONDS = "pollSeconds";
  static final String POLLING = "polling";
  static final String WEBHOOK = "webhook";

  private final JsonMapper json;
  private final MediaDownloads media;

  TelegramConnectorFactory(JsonMapper json, MediaDownloads media) {
    this.json = json;
    this.media = media;
  }

  @Override
  public String type() {
    return "telegram";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(
        Capability.POLL, Capability.WEBHOOK, Capability.PUBLIC_REPLY, Capability.PRIVATE_MESSAGE);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        new ConfigProperty(
            API_BASE_URL,
            ConfigProperty.Type.URL,
            true,
            "https://api.telegram.org",
            List.of(),
            "connector.setting." + API_BASE_URL,
            "connector.setting." + API_BASE_URL + ".help"),
        ConfigProperty.secret(BOT_TOKEN, true),
        ConfigProperty.select(MODE, POLLING, POLLING, WEBHOOK),
        ConfigProperty.secret(WEBHOOK_SECRET, false),
        ConfigProperty.number(POLL_SECONDS, true, "5"));
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String token = settings.get(BOT_TOKEN);
    if (token != null && !token.isBlank() && token.contains("/")) {
      problems.add("connector.telegram.token.invalid");
    }
    String secret = settings.get(WEBHOOK_SECRET);
    if (WEBHOOK.equals(settings.get(MODE))
        && (secret == null || !secret.matches("[A-Za-z0-9_-]{16,256}"))) {
      problems.add("connector.telegram.secret.invalid");
    }
    return problems;
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new TelegramConnector(account, json, media);
  }

  @Override
  public TextLimit textLimit(boolean publicReply) {
    return TextLimit.utf16(4096);
  }
}
