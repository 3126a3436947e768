package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.Classification;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.InboundBatchReceived;
import io.parley.channels.InboundClassifier;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.channels.IngestResult;
import io.parley.channels.IngestResult.Outcome;
import io.parley.channels.ListenedMedia;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes inbound messages from a connector, one or a batch of one account: drops redeliveries, runs
 * the filter chain and the classifier, stores the records and announces them ({@link
 * InboundBatchReceived}), all in one transaction with whatever the listeners do (threading them
 * into cases). A crash before commit leaves nothing, so the next poll or redelivery brings them
 * again; after commit, a redelivery is recognised by the unique (account, external id).
 */
@Component
class InboundPipeline {

  private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);
  private static final IngestResult IGNORED =
      new IngestResult(Outcome.IGNORED, 0, "no listening rule matched");

  private final List<InboundFilter> filters;
  private final InboundRecordRepository records;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final InboundPayload payloads;
  private final ReturnedReplies returnedReplies;
  private final org.springframework.util.function.SingletonSupplier<InboundClassifier> classifier;
  private final IgnoredPosts ignoredPosts;
  private final ListenedMedia listenedMedia;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final CapturedPosts captured;

  InboundPipeline(
      CapturedPosts captured,
      ReturnedReplies returnedReplies,
      ObjectProvider<InboundClassifier> classifiers,
      IgnoredPosts ignoredPosts,
      ListenedMedia listenedMedia,
      List<InboundFilter> filters,
      InboundRecordRepository records,
      org.springframework.jdbc.core.JdbcTemplate jdbc,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      InboundPayload payloads) {
    this.captured = captured;
    this.filters = filters;
    this.records = records;
    this.jdbc = jdbc;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.payloads = payloads;
    this.returnedReplies = returnedReplies;
    // Looked up once (through a provider: it lives in a module that depends on this one; a
    // lookup per post cost more than matching it).
    this.classifier =
        org.springframework.util.function.SingletonSupplier.of(classifiers::getIfUnique);
    this.ignoredPosts = ignoredPosts;
    this.listenedMedia = listenedMedia;
  }

  /**
   * How long a push (a stream's burst, a webhook's call) waits at most for the files of the
   * listened posts it makes cases, so that the network's connection is not held: a file not fetched
   * by then is named on the case with its link.
   */
  static final Duration PUSHED_MEDIA_TIME = Duration.ofSeconds(5);

  /** Until when a push that starts now may fetch files: {@link #PUSHED_MEDIA_TIME} from now. */
  static Instant pushedMediaUntil() {
    return Instant.now().plus(PUSHED_MEDIA_TIME);
  }

  /**
   * One pushed message (a webhook's); a listened post's files within {@link #PUSHED_MEDIA_TIME}.
   */
  IngestResult ingest(ConnectorAccount account, InboundMessage message) {
    return ingest(account, message, pushedMediaUntil());
  }

  /**
   * As above; the files of a listened post that opens a case are fetched by {@code mediaUntil}
   * (null: they are already here).
   */
  private IngestResult ingest(
      ConnectorAccount account, InboundMessage message, Instant mediaUntil) {
    if (message.externalId() == null || message.externalId().isBlank()) {
      throw new IllegalArgumentException("A connector gave a message without an external id");
    }
    String externalId = InboundRecord.cut(message.externalId(), 1000);
    Long accountId = account.id().value();
    Optional<InboundRecord> known = records.findByAccountIdAndExternalId(accountId, externalId);
    if (known.isPresent()) {
      return new IngestResult(Outcome.DUPLICATE, known.get().getId(), null);
    }
    if (message.listened() && ignoredPosts.ignoredLately(account, externalId)) {
      return IGNORED;
    }
    Optional<String> held = held(account, message);
    Classification classification =
        held.isPresent() ? Classification.NONE : classify(account, message);
    if (ignored(message, held, classification)) {
      ignoredPosts.count(account, externalId);
      return IGNORED;
    }
    InboundMessage taken =
        mediaUntil != null && fetchesMedia(message, held, classification)
            ? listenedMedia.fetchAll(account.id(), List.of(message), mediaUntil).get(0)
            : message;
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return transaction.execute(
            status -> storeAll(account, List.of(new Fresh(taken, held, classification))).get(0));
      } catch (DataIntegrityViolationException e) {
        // Another poller or a concurrent redelivery stored it first.
        Optional<InboundRecord> raced = records.findByAccountIdAndExternalId(accountId, externalId);
        if (raced.isPresent()) {
          return new IngestResult(Outcome.DUPLICATE, raced.get().getId(), null);
        }
        last = e;
      } catch (ConcurrencyFailureException e) {
        last = e; // a case changed under us: try the whole message again
      } catch (RuntimeException e) {
        last = e;
        break;
      }
    }
    // Kept with its content so nothing is lost; admins see it on the account's health.
    log.error("Inbound message {} on account {} could not be handled", externalId, accountId, last);
    RuntimeException cause = last;
    long failed =
        transaction.execute(
            status ->
                insertRecords(
                    accountId,
                    List.of(
                        new Row(taken, "FAILED", cause == null ? "unknown" : cause.toString())))[
                    0]);
    return new IngestResult(Outcome.FAILED, failed, String.valueOf(cause));
  }

  /**
   * Takes a batch of messages of one account (a poll's page, a stream's burst) in one transaction:
   * one query finds the redeliveries, one commit stores the rest with whatever their listeners do.
   * Per message the outcome is the same as {@link #ingest}'s; if anything in the batch fails, the
   * batch rolls back and each message is taken on its own, so one bad message costs only itself.
   * Results are in the order of {@code messages}. The files of the listened posts it makes cases
   * are fetched by {@code mediaUntil} (a poll's lease, a stream's burst): those not fetched by then
   * are named on the cases with their links.
   */
  List<IngestResult> ingestAll(
      ConnectorAccount account, List<InboundMessage> messages, Instant mediaUntil) {
    if (messages.size() <= 1) {
      return messages.stream().map(m -> ingest(account, m, mediaUntil)).toList();
    }
    for (InboundMessage message : messages) {
      if (message.externalId() == null || message.externalId().isBlank()) {
        throw new IllegalArgumentException("A connector gave a message without an external id");
      }
    }
    Long accountId = account.id().value();
    Map<String, Long> known = new java.util.HashMap<>();
    List<String> ids =
        messages.stream().map(m -> InboundRecord.cut(m.externalId(), 1000)).distinct().toList();
    // An array parameter, not an IN list: one query shape for any page size (Hibernate translated
    // an IN list's query anew for each new length), and only the two columns needed.
    jdbc.query(
        "select external_id, id from channels_inbound where account_id = ? and external_id ="
            + " any(?)",
        (java.sql.ResultSet row) -> {
          known.put(row.getString(1), row.getLong(2));
        },
        accountId,
        io.parley.shared.SqlArrays.of("varchar", ids));
    IngestResult[] results = new IngestResult[messages.size()];
    List<Integer> fresh = new ArrayList<>();
    Map<String, Integer> firstInBatch = new java.util.HashMap<>();
    List<Optional<String>> held = new ArrayList<>();
    List<Classification> classifications = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      InboundMessage message = messages.get(i);
      String externalId = InboundRecord.cut(message.externalId(), 1000);
      Long stored = known.get(externalId);
      if (stored != null) {
        results[i] = new IngestResult(Outcome.DUPLICATE, stored, null);
        held.add(Optional.empty());
        classifications.add(Classification.NONE);
        continue;
      }
      if (firstInBatch.putIfAbsent(externalId, i) != null) {
        held.add(Optional.empty());
        classifications.add(Classification.NONE);
        continue; // the same message twice in one batch: a duplicate of its first copy
      }
      if (message.listened() && ignoredPosts.ignoredLately(account, externalId)) {
        results[i] = IGNORED; // read again (a poll's overlap, a stream's resend)
        held.add(Optional.empty());
        classifications.add(Classification.NONE);
        continue;
      }
      Optional<String> filtered = held(account, message);
      Classification classification =
          filtered.isPresent() ? Classification.NONE : classify(account, message);
      held.add(filtered);
      classifications.add(classification);
      if (ignored(message, filtered, classification)) {
        ignoredPosts.count(account, externalId);
        results[i] = IGNORED;
        continue;
      }
      fresh.add(i);
    }
    List<InboundMessage> taken =
        withMedia(account, messages, fresh, held, classifications, mediaUntil);
    if (!fresh.isEmpty()) {
      try {
        transaction.executeWithoutResult(
            status -> {
              List<IngestResult> stored =
                  storeAll(
                      account,
                      fresh.stream()
                          .map(i -> new Fresh(taken.get(i), held.get(i), classifications.get(i)))
                          .toList());
              for (int k = 0; k < fresh.size(); k++) {
                results[fresh.get(k)] = stored.get(k);
              }
            });
      } catch (RuntimeException e) {
        log.info(
            "A batch of {} inbound messages on account {} failed ({}); taking them one by one",
            fresh.size(),
            accountId,
            e.toString());
        for (int i : fresh) {
          results[i] = ingest(account, taken.get(i), null);
        }
      }
    }
    for (int i = 0; i < messages.size(); i++) {
      if (results[i] == null) {
        int first = firstInBatch.get(InboundRecord.cut(messages.get(i).externalId(), 1000));
        results[i] =
            results[first].outcome() == Outcome.IGNORED
                ? results[first]
                : new IngestResult(Outcome.DUPLICATE, results[first].inboundId(), null);
      }
    }
    return List.of(results);
  }

  /**
   * A listened post that a rule turns into a case brings its files: fetched here, before the
   * storing transaction and only for such posts (the matcher fetches nothing, and a post that only
   * becomes a mention keeps its links).
   */
  private static boolean fetchesMedia(
      InboundMessage message, Optional<String> held, Classification classification) {
    return message.listened()
        && held.isEmpty()
        && classification.openCase()
        && !message.media().isEmpty();
  }

  /**
   * {@code messages} with the files of the {@code fresh} ones that open cases fetched, together
   * (one download budget); the others as they are.
   */
  private List<InboundMessage> withMedia(
      ConnectorAccount account,
      List<InboundMessage> messages,
      List<Integer> fresh,
      List<Optional<String>> held,
      List<Classification> classifications,
      Instant mediaUntil) {
    List<Integer> opening =
        fresh.stream()
            .filter(i -> fetchesMedia(messages.get(i), held.get(i), classifications.get(i)))
            .toList();
    if (opening.isEmpty()) {
      return messages;
    }
    List<InboundMessage> fetched =
        listenedMedia.fetchAll(
            account.id(), opening.stream().map(messages::get).toList(), mediaUntil);
    List<InboundMessage> taken = new ArrayList<>(messages);
    for (int k = 0; k < opening.size(); k++) {
      taken.set(opening.get(k), fetched.get(k));
    }
    return taken;
  }

  /** An inbound record to write: the message, its status, and why (a filter's, a failure's). */
  record Row(InboundMessage message, String status, String reason) {}

  /**
   * Writes inbound records in the caller's transaction, as one multi-row insert with ids taken from
   * the entity's sequence (listeners write rows that reference them, with plain JDBC too); their
   * ids in the order of {@code rows}.
   */
  long[] insertRecords(Long accountId, List<Row> rows) {
    long[] ids = io.parley.shared.SequenceIds.take(jdbc, "channels_inbound_seq", 50, rows.size());
    java.sql.Timestamp receivedAt = java.sql.Timestamp.from(Instant.now());
    jdbc.batchUpdate(
        "insert into channels_inbound (id, account_id, external_id, received_at, sent_at, author,"
            + " subject, status, reason, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
          @Override
          public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
            InboundMessage m = rows.get(i).message();
            ps.setLong(1, ids[i]);
            ps.setLong(2, accountId);
            ps.setString(3, InboundRecord.cut(m.externalId(), 1000));
            ps.setTimestamp(4, receivedAt);
            ps.setTimestamp(5, m.sentAt() == null ? null : java.sql.Timestamp.from(m.sentAt()));
            ps.setString(6, InboundRecord.cut(author(m), 320));
            ps.setString(7, InboundRecord.cut(m.subject(), 300));
            ps.setString(8, rows.get(i).status());
            ps.setString(9, InboundRecord.cut(rows.get(i).reason(), 1000));
            ps.setString(10, payloads.write(m));
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
    return ids;
  }

  /** A message that is new to its account, with what the filters and the classifier said. */
  private record Fresh(
      InboundMessage message, Optional<String> held, Classification classification) {}

  /**
   * Stores new messages of one account and announces those accepted, in the caller's transaction
   * (one message alone, or a batch): the records go in together, then one {@link
   * InboundBatchReceived} lets the listeners handle the accepted ones, in bulk where they can.
   * Results are in the order of {@code fresh}.
   */
  private List<IngestResult> storeAll(ConnectorAccount account, List<Fresh> fresh) {
    Long accountId = account.id().value();
    long[] ids =
        insertRecords(
            accountId,
            fresh.stream()
                .map(
                    f ->
                        new Row(
                            f.message(),
                            f.held().isPresent() ? "FILTERED" : "ACCEPTED",
                            f.held().orElse(null)))
                .toList());
    List<IngestResult> results = new ArrayList<>(fresh.size());
    List<InboundMessageReceived> accepted = new ArrayList<>(fresh.size());
    List<InboundMessageReceived> capturing = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      Fresh f = fresh.get(i);
      long recordId = ids[i];
      if (f.held().isPresent()) {
        if ("bounce".equals(f.held().get())) {
          returnedReplies.returned(f.message().parentIds());
        }
        results.add(new IngestResult(Outcome.FILTERED, recordId, f.held().get()));
        continue;
      }
      InboundMessageReceived received =
          new InboundMessageReceived(
              recordId,
              new ChannelAccountId(accountId),
              account.brand(),
              account.type(),
              f.message(),
              account.confirmsReceipt(),
              f.classification());
      if (captured.takes(received)) {
        capturing.add(received);
      } else {
        accepted.add(received);
      }
      results.add(new IngestResult(Outcome.ACCEPTED, recordId, null));
    }
    if (!capturing.isEmpty()) {
      captured.capture(capturing); // the least case now; completed after commit
    }
    if (!accepted.isEmpty()) {
      events.publishEvent(new InboundBatchReceived(accepted));
    }
    return results;
  }

  /** A listened post that no rule matched: nothing to keep, so nothing is stored. */
  private static boolean ignored(
      InboundMessage message, Optional<String> held, Classification classification) {
    return message.listened() && held.isEmpty() && !classification.matched();
  }

  /** Why the filter chain holds the message back (an auto-reply, a bounce...), if it does. */
  private Optional<String> held(ConnectorAccount account, InboundMessage message) {
    return filters.stream()
        .map(f -> f.reject(account, message))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** The classifier's verdict; one that fails is logged and the message goes on unclassified. */
  private Classification classify(ConnectorAccount account, InboundMessage message) {
    InboundClassifier classifier = this.classifier.get();
    if (classifier == null) {
      return Classification.NONE;
    }
    try {
      Classification result =
          classifier.classify(account.id(), account.brand(), account.type(), message);
      return result == null ? Classification.NONE : result;
    } catch (RuntimeException e) {
      log.warn("Classifying inbound message {} failed", message.externalId(), e);
      return Classification.NONE;
    }
  }

  private static String author(InboundMessage message) {
    return message.author() == null ? null : message.author().replyAddress();
  }
}
