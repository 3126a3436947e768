package io.parley.connectors.replay;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays one archive. The cursor ({@code pass:line:dueFrom}) says which line comes next and since
 * when posts are due, so the rate holds across polls and a restart resumes where the last stored
 * batch ended. The archive is read line by line through one open reader kept between polls (memory
 * stays bounded whatever its size); after a restart or on another node it is reopened and skipped
 * to the cursor's line. In a loop, every pass gets its own external ids ({@code id~pass}), so a
 * replayed post is new to the idempotency guard.
 */
class ReplayConnector implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(ReplayConnector.class);
  static final int MAX_BATCH = 1000;

  private final ConnectorAccount account;
  private final JsonMapper json;
  private final Clock clock;
  private final String archive;
  private final double intervalMillis;
  private final boolean loop;
  private final boolean originalTimes;
  private final long pollMillis;
  private BufferedReader reader;
  private int readerPass = -1;
  private long readerLine = -1;

  ReplayConnector(ConnectorAccount account, JsonMapper json, Clock clock) {
    this.account = account;
    this.json = json;
    this.clock = clock;
    this.archive =
        account.setting(ReplayConnectorFactory.ARCHIVE, ReplayConnectorFactory.DEMO_ARCHIVE);
    this.intervalMillis =
        60_000.0 / Math.max(1, account.intSetting(ReplayConnectorFactory.POSTS_PER_MINUTE, 60));
    this.loop = "loop".equals(account.setting(ReplayConnectorFactory.MODE));
    this.originalTimes = "original".equals(account.setting(ReplayConnectorFactory.TIMESTAMPS));
    this.pollMillis =
        1000L * Math.max(1, account.intSetting(ReplayConnectorFactory.POLL_SECONDS, 1));
  }

  @Override
  public synchronized PollResult poll(String cursor) {
    long now = clock.millis();
    Cursor at = Cursor.parse(cursor, account.intSetting(ReplayConnectorFactory.START_OFFSET, 0));
    if (at.done()) {
      return PollResult.nothingNew(cursor);
    }
    // Started just now: one post is due at once. After a pause, no burst of the whole backlog.
    long dueFrom = at.dueFrom() == null ? now - (long) Math.ceil(intervalMillis) : at.dueFrom();
    dueFrom = Math.max(dueFrom, now - 2 * pollMillis - (long) Math.ceil(intervalMillis));
    long due = (long) Math.floor((now - dueFrom) / intervalMillis);
    if (due <= 0) {
      return PollResult.nothingNew(at.withDueFrom(dueFrom).toString());
    }
    int wanted = (int) Math.min(due, MAX_BATCH);
    List<InboundMessage> messages = new ArrayList<>(wanted);
    int pass = at.pass();
    long line = at.line();
    boolean done = false;
    try {
      position(pass, line);
      while (messages.size() < wanted) {
        String text = reader.readLine();
        if (text == null) {
          if (!loop || line == 0) {
            done = true;
            break;
          }
          pass++;
          line = 0;
          position(pass, line);
          continue;
        }
        line++;
        readerLine = line;
        if (text.isBlank()) {
          continue;
        }
        try {
          messages.add(message(ArchivedPost.of(json.readTree(text)), pass, now));
        } catch (JacksonException | IllegalArgumentException e) {
          log.warn("Replay archive {} line {} skipped: {}", archive, line, e.getMessage());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      closeReader();
      throw new ConnectorException("Replay archive " + archive + " cannot be read: " + e, e);
    }
    long nextDueFrom = dueFrom + (long) Math.floor(messages.size() * intervalMillis);
    Cursor next = new Cursor(pass, line, nextDueFrom, done);
    return new PollResult(messages, next.toString(), !done && due > wanted);
  }

  private InboundMessage message(ArchivedPost post, int pass, long now) {
    String suffix = pass == 0 ? "" : "~" + pass;
    ArchivedPost.Author a = post.author();
    Map<String, String> signals = new LinkedHashMap<>();
    signals.put("replay-network", post.network());
    Instant sentAt =
        originalTimes && post.sentAt() != null ? post.sentAt() : Instant.ofEpochMilli(now);
    return new InboundMessage(
        post.id() + suffix,
        post.threadId() == null ? null : post.threadId() + suffix,
        post.parentId() == null ? List.of() : List.of(post.parentId() + suffix),
        new InboundAuthor(
            a.network(),
            a.id(),
            a.handle(),
            a.name(),
            null,
            profileUrl(a.network(), a),
            a.bio(),
            a.followers() == null ? null : (int) Math.min(Integer.MAX_VALUE, a.followers())),
        null,
        post.text(),
        null,
        List.of(),
        post.publicPost(),
        sentAt,
        signals,
        "LISTENED".equals(post.source())
            ? InboundMessage.Source.LISTENED
            : InboundMessage.Source.DIRECT,
        post.language());
  }

  static String profileUrl(String network, ArchivedPost.Author author) {
    return switch (network) {
      case "weibo" -> "https://weibo.com/u/" + author.id();
      case "x" -> author.handle() == null ? null : "https://x.com/" + author.handle();
      case "mastodon" -> mastodonUrl(author.handle());
      default -> null;
    };
  }

  private static String mastodonUrl(String handle) {
    if (handle == null || !handle.contains("@")) {
      return null;
    }
    String[] parts = handle.replaceFirst("^@", "").split("@", 2);
    return "https://" + parts[1] + "/@" + parts[0];
  }

  /** Makes the open reader stand before {@code line} of {@code pass}, reopening if needed. */
  private void position(int pass, long line) throws IOException {
    if (reader != null && readerLine == line && (readerPass == pass || line == 0)) {
      readerPass = pass;
      return;
    }
    closeReader();
    reader = open();
    readerPass = pass;
    readerLine = 0;
    while (readerLine < line) {
      if (reader.readLine() == null) {
        break;
      }
      readerLine++;
    }
  }

  private BufferedReader open() throws IOException {
    InputStream raw;
    if (archive.startsWith("classpath:")) {
      String path = archive.substring("classpath:".length()).replaceFirst("^/", "");
      raw = ReplayConnector.class.getClassLoader().getResourceAsStream(path);
      if (raw == null) {
        throw new ConnectorException("Replay archive not found: " + archive, null);
      }
    } else {
      try {
        raw = Files.newInputStream(Path.of(archive));
      } catch (NoSuchFileException e) {
        throw new ConnectorException("Replay archive not found: " + archive, e);
      } catch (java.nio.file.InvalidPathException e) {
        throw new ConnectorException("Replay archive path is invalid: " + archive, e);
      }
    }
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    InputStream content = first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
    return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 64 * 1024);
  }

  @Override
  public DeliveryResult send(OutboundMessage message) {
    if (!account.flag(ReplayConnectorFactory.ACCEPT_REPLIES)) {
      return DeliveryResult.failed(
          "This replay account does not deliver replies; turn on 'accept replies' to record them"
              + " as sent.");
    }
    // Nobody is on the other side: the reply is recorded as sent under its idempotency key.
    return DeliveryResult.sent("replay-reply-" + message.idempotencyKey());
  }

  @Override
  public synchronized void close() {
    closeReader();
  }

  private void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        log.debug("Closing replay archive {}: {}", archive, e.toString());
      }
    }
    reader = null;
    readerLine = -1;
    readerPass = -1;
  }

  /** Where a replay stands; {@code dueFrom} is null before the first post. */
  record Cursor(int pass, long line, Long dueFrom, boolean done) {

    static Cursor parse(String cursor, long startOffset) {
      if (cursor == null || cursor.isBlank()) {
        return new Cursor(0, Math.max(0, startOffset), null, false);
      }
      String[] parts = cursor.split(":");
      try {
        return new Cursor(
            Integer.parseInt(parts[0]),
            Long.parseLong(parts[1]),
            parts.length > 2 && !parts[2].isEmpty() ? Long.parseLong(parts[2]) : null,
            parts.length > 3 && parts[3].equals("done"));
      } catch (RuntimeException e) {
        return new Cursor(0, Math.max(0, startOffset), null, false);
      }
    }

    Cursor withDueFrom(long at) {
      return new Cursor(pass, line, at, done);
    }

    @Override
    public String toString() {
      return pass + ":" + line + ":" + (dueFrom == null ? "" : dueFrom) + (done ? ":done" : "");
    }
  }
}
