package io.parley.connectors.mastodon;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.TextLimit;
import io.parley.connectors.support.MediaDownloads;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mastodon: mention notifications of the brand's account are polled, with the images of their
 * statuses (and the stills of their clips) fetched as attachments; replies are statuses answering
 * the customer's status, public or with {@code direct} visibility for a private answer, and always
 * mention the customer (a direct status reaches only the accounts it mentions). The public statuses
 * of the hashtags the account listens to come as listened posts, for the listening rules.
 */
@Component
class MastodonConnectorFactory implements ChannelConnectorFactory {

  static final String INSTANCE_URL = "instanceUrl";
  static final String ACCESS_TOKEN = "accessToken";
  static final String POLL_SECONDS = "pollSeconds";
  static final String HASHTAGS = "hashtags";
  private static final java.util.regex.Pattern HASHTAG =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}_]+");

  /**
   * Hashtags an account listens to at most, each at most {@link #MAX_HASHTAG_LENGTH} characters:
   * the poll's cursor names each with where its timeline is read from, and must fit the account's
   * {@code poll_cursor} (1000 characters).
   */
  static final int MAX_HASHTAGS = 10;

  static final int MAX_HASHTAG_LENGTH = 60;

  /** Mastodon's default status length; instances may allow more. */
  static final int MAX_CHARACTERS = 500;

  private final JsonMapper json;
  private final MediaDownloads media;

  MastodonConnectorFactory(JsonMapper json, MediaDownloads media) {
    this.json = json;
    this.media = media;
  }

  @Override
  public String type() {
    return "mastodon";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.POLL, Capability.PUBLIC_REPLY, Capability.PRIVATE_MESSAGE);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.of(ConfigProperty.Type.URL, INSTANCE_URL, true),
        ConfigProperty.secret(ACCESS_TOKEN, true),
        ConfigProperty.number(POLL_SECONDS, true, "60"),
        ConfigProperty.text(HASHTAGS, false, null));
  }

  /** The hashtags of the setting: separated by commas or spaces, "#" optional, each once. */
  static List<String> hashtags(String setting) {
    if (setting == null || setting.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(setting.split("[,，\\s]+"))
        .map(t -> t.startsWith("#") ? t.substring(1) : t)
        .filter(t -> !t.isBlank())
        .map(t -> t.toLowerCase(java.util.Locale.ROOT))
        .distinct()
        .toList();
  }

  @Override
  public List<String> validate(java.util.Map<String, String> settings) {
    String seconds = settings.get(POLL_SECONDS);
    List<String> problems = new java.util.ArrayList<>();
    if (seconds != null && seconds.matches("\\d+") && Integer.parseInt(seconds) < 10) {
      problems.add("connector.mastodon.pollSeconds.low");
    }
    List<String> hashtags = hashtags(settings.get(HASHTAGS));
    if (!hashtags.stream().allMatch(t -> HASHTAG.matcher(t).matches())) {
      problems.add("connector.mastodon.hashtags.invalid");
    }
    if (hashtags.size() > MAX_HASHTAGS
        || hashtags.stream().anyMatch(t -> t.length() > MAX_HASHTAG_LENGTH)) {
      problems.add("connector.mastodon.hashtags.tooMany");
    }
    return problems;
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new MastodonConnector(account, json, media);
  }

  @Override
  public TextLimit textLimit(boolean publicReply) {
    return TextLimit.mastodon(MAX_CHARACTERS);
  }

  @Override
  public String mentionFormat(boolean publicReply) {
    return "@%s ";
  }
}
