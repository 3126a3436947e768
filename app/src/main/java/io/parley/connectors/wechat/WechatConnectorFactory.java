package io.parley.connectors.wechat;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
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
 * WeChat official account (公众号): followers' messages arrive on the server callback configured in
 * the WeChat admin console (URL {@code /hooks/{account}}, the same token, and for safe or
 * compatible mode the same EncodingAESKey); agents answer through the customer-service message API
 * within 48 hours of the follower's last message. Followers' photos reach the case as attachments.
 */
@Component
class WechatConnectorFactory implements ChannelConnectorFactory {

  static final String APP_ID = "wechatAppId";
  static final String APP_SECRET = "wechatAppSecret";
  static final String TOKEN = "wechatToken";
  static final String ENCODING_AES_KEY = "wechatEncodingAesKey";
  static final String API_URL = "wechatApiUrl";
  static final String WELCOME_TEXT = "wechatWelcomeText";
  static final String ACK_TEXT = "wechatAckText";
  static final String FETCH_USER_INFO = "wechatFetchUserInfo";
  static final String MAX_SKEW = "wechatMaxSkewSeconds";
  static final String DEFAULT_API = "https://api.weixin.qq.com";

  private final JsonMapper json;
  private final MediaDownloads media;

  WechatConnectorFactory(JsonMapper json, MediaDownloads media) {
    this.json = json;
    this.media = media;
  }

  @Override
  public String type() {
    return "wechat";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.WEBHOOK, Capability.PRIVATE_MESSAGE, Capability.REPLY_WINDOW);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.text(APP_ID, true, null),
        ConfigProperty.secret(APP_SECRET, true),
        ConfigProperty.secret(TOKEN, true),
        ConfigProperty.secret(ENCODING_AES_KEY, false),
        url(API_URL, DEFAULT_API),
        ConfigProperty.text(WELCOME_TEXT, false, null),
        ConfigProperty.text(ACK_TEXT, false, null),
        ConfigProperty.flag(FETCH_USER_INFO, true),
        ConfigProperty.number(MAX_SKEW, true, "300"));
  }

  static ConfigProperty url(String name, String defaultValue) {
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
    String token = settings.get(TOKEN);
    // WeChat's own rule for the server token: 3 to 32 letters and digits.
    if (token != null && !token.matches("[A-Za-z0-9-]{3,32}")) {
      problems.add("connector.wechat.token");
    }
    String key = settings.get(ENCODING_AES_KEY);
    if (key != null && !key.isEmpty() && !WechatCipher.isEncodingAesKey(key)) {
      problems.add("connector.wechat.encodingAesKey");
    }
    String skew = settings.get(MAX_SKEW);
    if (skew != null && skew.matches("\\d+")) {
      int seconds = Integer.parseInt(skew);
      if (seconds < 30 || seconds > 3600) {
        problems.add("connector.wechat.skew");
      }
    }
    return problems;
  }

  /** Customer-service messages: only within 48 hours of the follower's last message. */
  @Override
  public Optional<Duration> replyWindow(boolean publicReply) {
    return Optional.of(Duration.ofHours(48));
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new WechatConnector(account, json, Clock.systemUTC(), media);
  }
}
