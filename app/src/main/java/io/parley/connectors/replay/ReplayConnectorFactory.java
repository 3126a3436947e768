package io.parley.connectors.replay;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replay: streams an archive of normalized social posts (JSON Lines, gzipped or not, from a file or
 * the classpath) into the inbound pipeline at a chosen rate, once or in a loop. For demos, load
 * tests and importing history; the archive's shape is described in {@link ArchivedPost}.
 */
@Component
class ReplayConnectorFactory implements ChannelConnectorFactory {

  static final String ARCHIVE = "replayArchive";
  static final String POSTS_PER_MINUTE = "replayPostsPerMinute";
  static final String MODE = "replayMode";
  static final String START_OFFSET = "replayStartOffset";
  static final String TIMESTAMPS = "replayTimestamps";
  static final String ACCEPT_REPLIES = "replayAcceptReplies";
  static final String POLL_SECONDS = "pollSeconds";

  /** The archive generated for the demo (see {@code DemoArchiveGenerator} in the tests). */
  public static final String DEMO_ARCHIVE = "classpath:replay/demo-social.jsonl.gz";

  private final JsonMapper json;

  ReplayConnectorFactory(JsonMapper json) {
    this.json = json;
  }

  @Override
  public String type() {
    return "replay";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.POLL, Capability.PUBLIC_REPLY, Capability.PRIVATE_MESSAGE);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.text(ARCHIVE, true, DEMO_ARCHIVE),
        ConfigProperty.number(POSTS_PER_MINUTE, true, "60"),
        ConfigProperty.select(MODE, "once", "once", "loop"),
        ConfigProperty.number(START_OFFSET, true, "0"),
        ConfigProperty.select(TIMESTAMPS, "now", "now", "original"),
        ConfigProperty.flag(ACCEPT_REPLIES, false),
        ConfigProperty.number(POLL_SECONDS, true, "1"));
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String rate = settings.get(POSTS_PER_MINUTE);
    if (rate != null && rate.matches("\\d+")) {
      long perMinute = Long.parseLong(rate);
      if (perMinute < 1 || perMinute > 6_000_000) {
        problems.add("connector.replay.rate");
      }
    }
    String archive = settings.get(ARCHIVE);
    if (archive != null && (archive.isBlank() || archive.length() > 1000)) {
      problems.add("connector.replay.archive");
    }
    return problems;
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new ReplayConnector(account, json, Clock.systemUTC());
  }
}
