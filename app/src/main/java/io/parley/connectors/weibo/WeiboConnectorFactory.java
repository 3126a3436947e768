package io.parley.connectors.weibo;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.TextLimit;
import io.parley.connectors.support.MediaDownloads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sina Weibo through its open API v2: posts and comments that mention the account or answer its
 * posts are polled (a post's pictures fetched as attachments) and answered with comments; a
 * verified account's private messages come through the fans-service push and are answered
 * privately.
 */
@Component
class WeiboConnectorFactory implements ChannelConnectorFactory {

  static final String TOKEN = "weiboAccessToken";
  static final String UID = "weiboUid";
  static final String API_URL = "weiboApiUrl";
  static final String MESSAGE_API_URL = "weiboMessageApiUrl";
  static final String APP_SECRET = "weiboAppSecret";
  static final String DEFAULT_API = "https://api.weibo.com/2";
  static final String DEFAULT_MESSAGE_API = "https://m.api.weibo.com/2";

  private final JsonMapper json;
  private final MediaDownloads media;

  WeiboConnectorFactory(JsonMapper json, MediaDownloads media) {
    this.json = json;
    this.media = media;
  }

  @Override
  public String type() {
    return "weibo";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(
        Capability.POLL,
        Capability.WEBHOOK,
        Capability.PUBLIC_REPLY,
        Capability.PRIVATE_MESSAGE,
        Capability.REPLY_WINDOW);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.secret(TOKEN, true),
        ConfigProperty.text(UID, false, null),
        url(API_URL, DEFAULT_API),
        url(MESSAGE_API_URL, DEFAULT_MESSAGE_API),
        ConfigProperty.secret(APP_SECRET, false),
        ConfigProperty.number("pollSeconds", true, "60"));
  }

  private static ConfigProperty url(String name, String defaultValue) {
    return new ConfigProperty(
        name,
        ConfigProperty.Type.URL,
        true,
        defaultValue,
        List.of(),
        "connector.setting." + name,
        "connector.setting." + name + ".help");
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String poll = settings.get("pollSeconds");
    if (poll != null && poll.matches("\\d+") && Integer.parseInt(poll) < 15) {
      // Weibo allows an ordinary app about 150 calls an hour per user; three feeds per poll.
      problems.add("connector.weibo.pollSeconds");
    }
    return problems;
  }

  /** Comments take 140 characters, fans-service messages 300; ASCII counts half. */
  @Override
  public TextLimit textLimit(boolean publicReply) {
    return TextLimit.weibo(publicReply ? 140 : 300);
  }

  /** A reply to a comment names its author as Weibo itself writes it. */
  @Override
  public String mentionFormat(boolean publicReply) {
    return publicReply ? "回复@%s:" : null;
  }

  /** Fans-service messages: only within 48 hours of the follower's message. */
  @Override
  public Optional<Duration> replyWindow(boolean publicReply) {
    return publicReply ? Optional.empty() : Optional.of(Duration.ofHours(48));
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new WeiboConnector(account, json, Clock.systemUTC(), media);
  }
}
