package io.parley.listening.internal;

import io.parley.channels.Classification;
import io.parley.channels.InboundBatchReceived;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.shared.AfterCommit;
import io.parley.shared.BatchInsert;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
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
  private final io.parley.listening.sentiment.SentimentAnalyzer sentiment;

  MentionRecorder(
      JdbcTemplate jdbc,
      MentionStream stream,
      io.parley.listening.sentiment.SentimentAnalyzer sentiment) {
    this.jdbc = jdbc;
    this.stream = stream;
    this.sentiment = sentiment;
  }

  /** One matched post as it is stored. */
  private record Row(
      InboundMessageReceived event,
      String text,
      String language,
      Instant posted,
      List<String> tags,
      String ruleIds,
      String sentiment,
      double sentimentScore,
      boolean opensCase) {}

  /** A share-of-voice row: a mention of a brand or competitor, by day and sentiment. */
  private record Voice(
      long mentionId, long brandId, LocalDate day, String subject, String sentiment) {}

  /** A batch's matched posts: one batch of mention inserts, one of share-of-voice rows. */
  @EventListener
  void on(InboundBatchReceived batch) {
    List<Row> rows = new ArrayList<>();
    Instant now = Instant.now();
    for (InboundMessageReceived event : batch.messages()) {
      Classification c = event.classification();
      if (!c.matched()) {
        continue;
      }
      InboundMessage m = event.message();
      String whole = ListeningClassifier.textOf(m);
      String text = cut(whole, MAX_TEXT);
      String language = ListeningClassifier.languageOf(m.language(), text);
      // Analysed here, not when the post was matched: the intake of a burst does not wait for it.
      io.parley.listening.sentiment.SentimentResult feeling = sentiment.analyze(whole, language);
      rows.add(
          new Row(
              event,
              text,
              language,
              m.sentAt() == null || m.sentAt().isAfter(now) ? now : m.sentAt(),
              c.tags().stream().sorted().toList(),
              c.ruleIds().stream().map(String::valueOf).collect(Collectors.joining(",")),
              feeling.polarity().name(),
              feeling.score(),
              !m.listened() || c.openCase()));
    }
    if (rows.isEmpty()) {
      return;
    }
    List<Long> ids =
        BatchInsert.returningIds(
            jdbc,
            "insert into listening_mention (brand_id, inbound_id, channel_account_id, channel_type,"
                + " external_id, author_network, author_external_id, author_handle, author_name,"
                + " author_profile_url, body, language, listened, sentiment, sentiment_score, tags,"
                + " rule_ids, opens_case, posted_at, matched_at, media) values (?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
            (ps, first, row) -> {
              InboundMessageReceived event = row.event();
              InboundMessage m = event.message();
              ps.setLong(first + 1, event.brand().value());
              ps.setLong(first + 2, event.inboundId());
              ps.setLong(first + 3, event.account().value());
              ps.setString(first + 4, event.channelType());
              ps.setString(first + 5, cut(m.externalId(), 1000));
              ps.setString(first + 6, m.author() == null ? null : cut(m.author().network(), 40));
              ps.setString(
                  first + 7, m.author() == null ? null : cut(m.author().externalId(), 300));
              ps.setString(first + 8, m.author() == null ? null : cut(m.author().handle(), 300));
              ps.setString(
                  first + 9, m.author() == null ? null : cut(m.author().displayName(), 300));
              ps.setString(
                  first + 10, m.author() == null ? null : cut(m.author().profileUrl(), 1000));
              ps.setString(first + 11, row.text());
              ps.setString(first + 12, row.language());
              ps.setBoolean(first + 13, m.listened());
              ps.setString(first + 14, row.sentiment());
              ps.setDouble(first + 15, row.sentimentScore());
              ps.setString(
                  first + 16,
                  row.tags().isEmpty() ? null : cut(String.join(",", row.tags()), 1000));
              ps.setString(first + 17, cut(row.ruleIds(), 1000));
              ps.setBoolean(first + 18, row.opensCase());
              ps.setTimestamp(first + 19, Timestamp.from(row.posted()));
              ps.setTimestamp(first + 20, Timestamp.from(now));
              ps.setString(first + 21, MentionMedia.write(m.media()));
            });
    List<Voice> voices = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      long id = ids.get(i);
      LocalDate day = LocalDate.ofInstant(row.posted(), ZoneOffset.UTC);
      for (String tag : row.tags()) {
        if (tag.startsWith("brand:") || tag.startsWith("competitor:")) {
          voices.add(
              new Voice(id, row.event().brand().value(), day, cut(tag, 100), row.sentiment()));
        }
      }
      MentionView view =
          new MentionView(
              id,
              row.event().brand().value(),
              row.event().channelType(),
              row.event().message().author() == null
                  ? null
                  : row.event().message().author().handle(),
              row.event().message().author() == null
                  ? null
                  : row.event().message().author().displayName(),
              row.text(),
              row.language(),
              row.event().message().listened(),
              row.sentiment(),
              row.sentimentScore(),
              row.tags(),
              row.event().classification().ruleIds(),
              row.opensCase(),
              null,
              null,
              row.posted(),
              row.event().message().media(),
              row.event().inboundId());
      Classification c = row.event().classification();
      AfterCommit.run(() -> stream.publish(view, c));
    }
    if (!voices.isEmpty()) {
      jdbc.batchUpdate(
          "insert into listening_voice (mention_id, brand_id, mention_day, subject, sentiment)"
              + " values (?, ?, ?, ?, ?)",
          voices,
          voices.size(),
          (ps, v) -> {
            ps.setLong(1, v.mentionId());
            ps.setLong(2, v.brandId());
            ps.setObject(3, v.day(), Types.DATE);
            ps.setString(4, v.subject());
            ps.setString(5, v.sentiment());
          });
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
