package io.parley.conversations.internal;

import io.parley.channels.CaseCapture;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.conversations.CaseRejected;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.shared.SequenceIds;
import io.parley.shared.TransactionMemo;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the cases of listened posts as the least a case can be ({@link CaseCapture}): a case row
 * with its number, subject, priority and the rule's queue, and the post as its first message, by
 * plain JDBC in the caller's transaction, two multi-row inserts for a whole batch. {@link
 * InboundConversations} completes them after commit ({@link CaseWriter#completeAll}).
 */
@Component
class CaseCapturing implements CaseCapture {

  /** The sequences' increment: the entities' {@code allocationSize}. */
  private static final int ALLOCATION = 50;

  private final JdbcTemplate jdbc;
  private final CaseNumbers numbers;
  private final Brands brands;
  private final TransactionMemo<BrandId, Optional<BrandSummary>> brandsNow =
      new TransactionMemo<>();

  private final org.springframework.beans.factory.ObjectProvider<CaseWriter> writer;

  CaseCapturing(
      JdbcTemplate jdbc,
      CaseNumbers numbers,
      Brands brands,
      org.springframework.beans.factory.ObjectProvider<CaseWriter> writer) {
    this.jdbc = jdbc;
    this.numbers = numbers;
    this.brands = brands;
    this.writer = writer;
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void release(long inboundId) {
    writer
        .getObject()
        .completeAll(List.of(new CaseWriter.Completing(inboundId, null, java.util.Set.of())));
  }

  @Override
  public boolean takes(InboundMessage message) {
    return message.listened()
        && message.parentIds().isEmpty()
        && (message.threadId() == null || message.threadId().isBlank())
        && message.attachments().isEmpty()
        && message.html() == null
        && message.externalId() != null
        && message.externalId().length() <= 1000
        && (message.text() == null || message.text().length() <= CaseWriter.MAX_BODY);
  }

  /** One captured case's rows. */
  private record Row(
      long caseId,
      long messageId,
      long brandId,
      long number,
      String reference,
      String subject,
      String priority,
      InboundMessageReceived post,
      String text,
      Instant at) {}

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Long> capture(List<InboundMessageReceived> posts) {
    if (posts.isEmpty()) {
      return List.of();
    }
    List<Long> brandIds = new ArrayList<>(posts.size());
    for (InboundMessageReceived post : posts) {
      if (!takes(post.message())) {
        throw new IllegalArgumentException("Not a post to capture: " + post.message().externalId());
      }
      BrandSummary brand =
          brandsNow
              .get(post.brand(), brands::find)
              .orElseThrow(() -> CaseRejected.invalid("case.brand.invalid"));
      brandIds.add(brand.id().value());
    }
    Map<Long, java.util.PrimitiveIterator.OfLong> numbersByBrand = numbers.nextPerBrand(brandIds);
    long[] caseIds = SequenceIds.take(jdbc, "conversations_case_seq", ALLOCATION, posts.size());
    long[] messageIds =
        SequenceIds.take(jdbc, "conversations_message_seq", ALLOCATION, posts.size());
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>(posts.size());
    for (int i = 0; i < posts.size(); i++) {
      InboundMessageReceived post = posts.get(i);
      InboundMessage m = post.message();
      BrandSummary brand = brandsNow.get(post.brand(), brands::find).orElseThrow();
      long number = numbersByBrand.get(brand.id().value()).nextLong();
      String text = InboundConversations.bodyOf(m);
      rows.add(
          new Row(
              caseIds[i],
              messageIds[i],
              brand.id().value(),
              number,
              brand.casePrefix() + "-" + number,
              CaseWriter.subjectOf(m.subject(), text),
              InboundConversations.priorityOf(post.classification()).name(),
              post,
              text,
              InboundConversations.sentAt(m, now)));
    }
    jdbc.batchUpdate(
        "insert into conversations_case (id, brand_id, number, reference, subject, status,"
            + " priority, channel_account_id, channel_type, created_at, updated_at, version,"
            + " queue_id, queued_at, captured) values (?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, 0, ?,"
            + " ?, true)",
        rows,
        rows.size(),
        (ps, row) -> {
          Timestamp at = Timestamp.from(row.at());
          Long queue = row.post().classification().queueId();
          ps.setLong(1, row.caseId());
          ps.setLong(2, row.brandId());
          ps.setLong(3, row.number());
          ps.setString(4, row.reference());
          ps.setString(5, row.subject());
          ps.setString(6, row.priority());
          ps.setLong(7, row.post().account().value());
          ps.setString(8, row.post().channelType());
          ps.setTimestamp(9, at);
          ps.setTimestamp(10, at);
          ps.setObject(11, queue, Types.BIGINT);
          ps.setTimestamp(12, queue == null ? null : at);
        });
    jdbc.batchUpdate(
        "insert into conversations_message (id, case_id, kind, body, created_at, external_id,"
            + " author_address, inbound_id, revision) values (?, ?, 'INBOUND', ?, ?, ?, ?, ?, 1)",
        rows,
        rows.size(),
        (ps, row) -> {
          InboundMessage m = row.post().message();
          ps.setLong(1, row.messageId());
          ps.setLong(2, row.caseId());
          ps.setString(3, row.text());
          ps.setTimestamp(4, Timestamp.from(row.at()));
          ps.setString(5, m.externalId());
          String address = m.author() == null ? null : m.author().replyAddress();
          ps.setString(6, address == null || address.length() > 320 ? null : address);
          ps.setLong(7, row.post().inboundId());
        });
    return rows.stream().map(Row::caseId).toList();
  }
}
