package io.parley.connectors.x;

import io.parley.channels.AccountSecrets;
import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.TextLimit;
import io.parley.connectors.support.MediaDownloads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * X (API v2): mentions of the brand's account and its direct messages are polled with their photos
 * (and the stills of their videos) fetched as attachments, replies are posted as replies ({@code
 * reply.in_reply_to_tweet_id}) or sent as direct messages, and an optional filtered stream brings
 * posts matching the app's stream rules as listened posts. With a refresh token and the X app's
 * client id, the two-hour user token is renewed (see {@link XUserToken}).
 */
@Component
class XConnectorFactory implements ChannelConnectorFactory {

  static final String API_BASE_URL = "apiBaseUrl";
  static final String USER_TOKEN = "userAccessToken";
  static final String REFRESH_TOKEN = "refreshToken";
  static final String CLIENT_ID = "clientId";
  static final String CLIENT_SECRET = "clientSecret";
  static final String APP_TOKEN = "appBearerToken";
  static final String DIRECT_MESSAGES = "directMessages";
  static final String FILTERED_STREAM = "filteredStream";
  static final String POLL_SECONDS = "pollSeconds";

  private final JsonMapper json;
  private final AccountSecrets secrets;
  private final Clock clock;
  private final MediaDownloads media;

  XConnectorFactory(JsonMapper json, AccountSecrets secrets, Clock clock, MediaDownloads media) {
    this.json = json;
    this.secrets = secrets;
    this.clock = clock;
    this.media = media;
  }

  @Override
  public String type() {
    return "x";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(
        Capability.POLL, Capability.STREAM, Capability.PUBLIC_REPLY, Capability.PRIVATE_MESSAGE);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        new ConfigProperty(
            API_BASE_URL,
            ConfigProperty.Type.URL,
            true,
            "https://api.x.com",
            List.of(),
            "connector.setting." + API_BASE_URL,
            "connector.setting." + API_BASE_URL + ".help"),
        // Either an access token, or a refresh token with the client id to get one from.
        ConfigProperty.secret(USER_TOKEN, false),
        ConfigProperty.secret(REFRESH_TOKEN, false),
        ConfigProperty.text(CLIENT_ID, false, null),
        ConfigProperty.secret(CLIENT_SECRET, false),
        ConfigProperty.secret(APP_TOKEN, false),
        ConfigProperty.flag(DIRECT_MESSAGES, true),
        ConfigProperty.flag(FILTERED_STREAM, false),
        ConfigProperty.number(POLL_SECONDS, true, "60"));
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String seconds = settings.get(POLL_SECONDS);
    if (seconds != null && seconds.matches("\\d+") && Integer.parseInt(seconds) < 15) {
      // The mentions endpoint allows 450 requests per 15 minutes per app: 15 s keeps well below.
      problems.add("connector.x.pollSeconds.low");
    }
    boolean refreshToken = present(settings, REFRESH_TOKEN);
    if (!present(settings, USER_TOKEN) && !refreshToken) {
      problems.add("connector.x.token.missing");
    }
    if (refreshToken && !present(settings, CLIENT_ID)) {
      problems.add("connector.x.refresh.needsClientId");
    }
    if (Boolean.parseBoolean(settings.get(FILTERED_STREAM)) && !present(settings, APP_TOKEN)) {
      problems.add("connector.x.stream.needsAppToken");
    }
    return problems;
  }

  private static boolean present(Map<String, String> settings, String name) {
    return settings.get(name) != null && !settings.get(name).isBlank();
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new XConnector(account, json, secrets, clock, media);
  }

  @Override
  public TextLimit textLimit(boolean publicReply) {
    // A post: 280 weighted; a direct message: 10,000 characters.
    return publicReply ? TextLimit.x() : TextLimit.codePoints(10_000);
  }
}
