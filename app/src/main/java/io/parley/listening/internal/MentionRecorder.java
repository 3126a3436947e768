package io.parley.listening.internal;

import io.parley.channels.Classification;
import io.parley.channels.InboundBatchReceived;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.shared.AfterCommit;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Stores every post a rule matched as a mention, in the transaction that stores the inbound message
 * (one unique row per inbound message, so a redelivery never doubles it), with one share-of-voice
 * row per {@code brand:} or {@code competitor:} tag; announces it to the live stream after commit.
 */
@Component
class MentionRecorder {

  private static final int MAX_TEXT = 4000;

  private final JdbcTemplate jdbc;
  private final MentionStream stream;

  MentionRecorder(JdbcTemplate jdbc, MentionStream stream) {
    this.jdbc = jdbc;
    this.stream = stream;
  }

  @EventListener
  void on(InboundBatchReceived batch) {
    batch.messages().forEach(this::record);
  }

  private void record(InboundMessageReceived event) {
    Classification c = event.classification();
    if (!c.matched()) {
      return;
    }
    InboundMessage m = event.message();
    String text = cut(ListeningClassifier.textOf(m), MAX_TEXT);
    String language = ListeningClassifier.languageOf(m.language(), text);
    Instant now = Instant.now();
    Instant posted = m.sentAt() == null || m.sentAt().isAfter(now) ? now : m.sentAt();
    List<String> tags = c.tags().stream().sorted().toList();
    String ruleIds = c.ruleIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    String sentiment = c.sentiment() == null ? "NEUTRAL" : c.sentiment();
    boolean opensCase = !m.listened() || c.openCase();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          PreparedStatement ps =
              connection.prepareStatement(
                  "insert into listening_mention (brand_id, inbound_id, channel_account_id,"
                      + " channel_type, external_id, author_network, author_external_id,"
                      + " author_handle, author_name, author_profile_url, body, language, listened,"
                      + " sentiment, sentiment_score, tags, rule_ids, opens_case, posted_at,"
                      + " matched_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, event.brand().value());
          ps.setLong(2, event.inboundId());
          ps.setLong(3, event.account().value());
          ps.setString(4, event.channelType());
          ps.setString(5, cut(m.externalId(), 1000));
          ps.setString(6, m.author() == null ? null : cut(m.author().network(), 40));
          ps.setString(7, m.author() == null ? null : cut(m.author().externalId(), 300));
          ps.setString(8, m.author() == null ? null : cut(m.author().handle(), 300));
          ps.setString(9, m.author() == null ? null : cut(m.author().displayName(), 300));
          ps.setString(10, m.author() == null ? null : cut(m.author().profileUrl(), 1000));
          ps.setString(11, text);
          ps.setString(12, language);
          ps.setBoolean(13, m.listened());
          ps.setString(14, sentiment);
          ps.setDouble(15, c.sentimentScore());
          ps.setString(16, tags.isEmpty() ? null : cut(String.join(",", tags), 1000));
          ps.setString(17, cut(ruleIds, 1000));
          ps.setBoolean(18, opensCase);
          ps.setTimestamp(19, Timestamp.from(posted));
          ps.setTimestamp(20, Timestamp.from(now));
          return ps;
        },
        key);
    long id = key.getKey().longValue();
    LocalDate day = LocalDate.ofInstant(posted, ZoneOffset.UTC);
    List<String> voices =
        tags.stream().filter(t -> t.startsWith("brand:") || t.startsWith("competitor:")).toList();
    if (!voices.isEmpty()) {
      jdbc.batchUpdate(
          "insert into listening_voice (mention_id, brand_id, mention_day, subject, sentiment)"
              + " values (?, ?, ?, ?, ?)",
          voices,
          voices.size(),
          (ps, subject) -> {
            ps.setLong(1, id);
            ps.setLong(2, event.brand().value());
            ps.setObject(3, day, Types.DATE);
            ps.setString(4, cut(subject, 100));
            ps.setString(5, sentiment);
          });
    }
    MentionView view =
        new MentionView(
            id,
            event.brand().value(),
            event.channelType(),
            m.author() == null ? null : m.author().handle(),
            m.author() == null ? null : m.author().displayName(),
            text,
            language,
            m.listened(),
            sentiment,
            c.sentimentScore(),
            tags,
            c.ruleIds(),
            opensCase,
            null,
            null,
            posted);
    AfterCommit.run(() -> stream.publish(view, c));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
