package io.parley.channels.internal;

import io.parley.channels.CapturedPostReleased;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.Classification;
import io.parley.channels.InboundBatchReceived;
import io.parley.channels.InboundMessageReceived;
import io.parley.identity.BrandId;
import io.parley.shared.SqlArrays;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The listened posts whose cases were captured ({@link io.parley.channels.CaseCapture}) and are not
 * yet complete. The pipeline records each in the transaction that captures its case; after commit a
 * completer takes them in batches (rows claimed with {@code SKIP LOCKED}, so any node may run it),
 * rebuilds each post from its inbound record and announces the batch again as {@link
 * InboundBatchReceived#captured() captured}: its listeners complete the cases and the row goes in
 * the same transaction. A batch that fails is taken post by post; a post that fails {@link
 * #MAX_ATTEMPTS} times stays with its error and is logged, and its case is released to agents as an
 * ordinary case without a customer.
 */
@Component
class CapturedPosts implements org.springframework.context.SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CapturedPosts.class);

  /** Posts completed in one transaction. */
  static final int BATCH = 100;

  static final int MAX_ATTEMPTS = 5;

  /**
   * How long the completer waits after a capture commits: the captures of that moment are then
   * completed by one run, in batches.
   */
  static final Duration WAKE_DELAY = Duration.ofMillis(20);

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final InboundPayload payload;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;

  private volatile boolean started;
  private final io.parley.shared.Coalesced completer =
      new io.parley.shared.Coalesced(
          "parley-capture-completer",
          WAKE_DELAY,
          this::completeAll,
          log,
          "Completing captured cases failed; retried on the next tick");

  /** The module that owns cases, looked up once (it depends on this one); null: none, or off. */
  private final org.springframework.util.function.SingletonSupplier<io.parley.channels.CaseCapture>
      capture;

  CapturedPosts(
      org.springframework.beans.factory.ObjectProvider<io.parley.channels.CaseCapture> captures,
      ChannelsProperties properties,
      JdbcTemplate jdbc,
      JsonMapper json,
      InboundPayload payload,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions) {
    this.capture =
        org.springframework.util.function.SingletonSupplier.of(
            () -> properties.captureListened() ? captures.getIfUnique() : null);
    this.jdbc = jdbc;
    this.json = json;
    this.payload = payload;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Whether this accepted post's case is captured: a listened post that a rule makes a case. */
  boolean takes(InboundMessageReceived post) {
    io.parley.channels.CaseCapture cases = capture.get();
    return cases != null && post.classification().openCase() && cases.takes(post.message());
  }

  /**
   * Captures the cases of posts it {@link #takes}, in the transaction that stores them, with the
   * rows that owe them their completion; the completer is woken when that transaction commits.
   */
  void capture(List<InboundMessageReceived> posts) {
    capture.obtain().capture(posts);
    record(posts);
    io.parley.shared.AfterCommit.run(this::wake);
  }

  /** The rows that owe captured posts their completion, in the capturing transaction. */
  void record(List<InboundMessageReceived> posts) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.batchUpdate(
        "insert into channels_captured (inbound_id, account_id, brand_id, channel_type,"
            + " confirm_receipt, classification, captured_at) values (?, ?, ?, ?, ?, ?, ?)",
        posts,
        posts.size(),
        (ps, post) -> {
          ps.setLong(1, post.inboundId());
          ps.setLong(2, post.account().value());
          ps.setLong(3, post.brand().value());
          ps.setString(4, post.channelType());
          ps.setBoolean(5, post.confirmReceipt());
          ps.setString(6, json.writeValueAsString(post.classification()));
          ps.setTimestamp(7, now);
        });
  }

  /**
   * Completes soon (called after a capture commits): {@link #WAKE_DELAY} later, however many
   * commits wake it, with at most one run waiting.
   */
  void wake() {
    completer.wake();
  }

  /** Also on a timer: what another node captured, or what a crash left. */
  @Scheduled(fixedDelayString = "${parley.channels.capture-sweep:5s}")
  void completeQuietly() {
    completer.run();
  }

  /**
   * Completes every captured post that is due, each tried at most once in this run; returns how
   * many were completed.
   */
  int completeAll() {
    int total = 0;
    List<Long> failed = new ArrayList<>();
    while (!completer.stopping()) {
      List<Long> claimed = new ArrayList<>();
      Integer done;
      try {
        done = transaction.execute(s -> completeBatch(null, failed, claimed));
      } catch (RuntimeException e) {
        log.info(
            "A batch of {} captured posts failed ({}); taking them one by one",
            claimed.size(),
            e.toString());
        done = completeOneByOne(claimed, failed);
      }
      if (claimed.isEmpty()) {
        return total; // nothing was due (what failed in this run is not tried again in it)
      }
      total += done == null ? 0 : done;
    }
    return total;
  }

  /**
   * The posts of a batch that failed, each in a transaction of its own: a failure counts against
   * that post only, and {@code failed} keeps it out of the rest of the run.
   */
  private int completeOneByOne(List<Long> claimed, List<Long> failed) {
    int done = 0;
    for (Long id : claimed) {
      if (completer.stopping()) {
        break;
      }
      try {
        Integer one = transaction.execute(s -> completeBatch(id, List.of(), new ArrayList<>()));
        done += one == null ? 0 : one;
      } catch (RuntimeException e) {
        failed.add(id);
        if (!completer.stopping()) {
          failed(id, e); // while the node stops, its database connections fail: not the post's
        }
      }
    }
    return done;
  }

  /**
   * Counts a failure against a post and sets when it is tried again: after 2, 4, 8… seconds. A
   * failure that is the database's moment (a lock, a serialization conflict, a changed row) is
   * tried again in a second without counting.
   */
  private void failed(long inboundId, RuntimeException e) {
    String whole = String.valueOf(e);
    String error = whole.length() > 1000 ? whole.substring(0, 1000) : whole;
    boolean transientFailure =
        e instanceof org.springframework.dao.ConcurrencyFailureException
            || e instanceof org.springframework.dao.TransientDataAccessException;
    Integer attempts =
        transaction.execute(
            s -> {
              int before =
                  jdbc.queryForObject(
                      "select attempts from channels_captured where inbound_id = ?",
                      Integer.class,
                      inboundId);
              int now = transientFailure ? before : before + 1;
              jdbc.update(
                  "update channels_captured set attempts = ?, last_error = ?, retry_at = ? where"
                      + " inbound_id = ?",
                  now,
                  error,
                  transientFailure ? Timestamp.from(Instant.now().plusSeconds(1)) : retryAt(now),
                  inboundId);
              return now;
            });
    if (attempts != null && attempts >= MAX_ATTEMPTS) {
      log.error(
          "The captured case of inbound message {} could not be completed after {} attempts; it"
              + " is released to agents without its customer",
          inboundId,
          attempts,
          e);
      try {
        transaction.executeWithoutResult(
            s -> {
              capture.obtain().release(inboundId);
              events.publishEvent(released(inboundId, error));
            });
      } catch (RuntimeException again) {
        log.error(
            "Releasing the captured case of inbound message {} failed; it is tried again",
            inboundId,
            again);
        // Due once more, so that its next failure releases it again.
        try {
          jdbc.update(
              "update channels_captured set attempts = ?, retry_at = ? where inbound_id = ?",
              MAX_ATTEMPTS - 1,
              retryAt(MAX_ATTEMPTS),
              inboundId);
        } catch (RuntimeException down) {
          // The database is away: the post stays given up on until someone looks (logged above).
          log.error("Could not make inbound message {} due again", inboundId, down);
        }
      }
    } else {
      log.warn("Completing the captured case of inbound message {} failed", inboundId, e);
    }
  }

  /** What the audit trail keeps of a post given up on: what its inbound record says. */
  private CapturedPostReleased released(long inboundId, String error) {
    return jdbc.queryForObject(
        "select c.account_id, c.brand_id, c.channel_type, i.external_id from channels_captured c"
            + " join channels_inbound i on i.id = c.inbound_id where c.inbound_id = ?",
        (rs, i) ->
            new CapturedPostReleased(
                inboundId,
                new ChannelAccountId(rs.getLong(1)),
                new BrandId(rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                error),
        inboundId);
  }

  /** When a post that failed {@code attempts} times is tried again: 2, 4, 8… seconds from now. */
  private static Timestamp retryAt(int attempts) {
    return Timestamp.from(Instant.now().plusSeconds(1L << Math.min(attempts, 10)));
  }

  /** One row claimed. */
  private record Claimed(
      long inboundId,
      long accountId,
      long brandId,
      String channelType,
      boolean confirmReceipt,
      String classification) {}

  /**
   * Claims up to {@link #BATCH} due posts but {@code skipped} (or only {@code only}), noting their
   * ids in {@code claimed}; announces them as captured, one batch per account, and deletes their
   * rows, in the caller's transaction; returns how many.
   */
  private int completeBatch(Long only, List<Long> skipped, List<Long> claimedIds) {
    List<Object> args =
        new ArrayList<>(
            List.of(MAX_ATTEMPTS, Timestamp.from(Instant.now()), SqlArrays.of("bigint", skipped)));
    if (only != null) {
      args.add(only);
    }
    List<Claimed> claimed =
        jdbc.query(
            "select inbound_id, account_id, brand_id, channel_type, confirm_receipt,"
                + " classification from channels_captured where attempts < ? and (retry_at is"
                + " null or retry_at <= ?) and not inbound_id = any(?)"
                + (only == null ? "" : " and inbound_id = ?")
                + " order by inbound_id fetch first "
                + BATCH
                + " rows only for update skip locked",
            (rs, i) ->
                new Claimed(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getString(6)),
            args.toArray());
    if (claimed.isEmpty()) {
      return 0;
    }
    Long[] ids = claimed.stream().map(Claimed::inboundId).toArray(Long[]::new);
    claimedIds.addAll(List.of(ids));
    Map<Long, String> payloads = new HashMap<>();
    jdbc.query(
        "select id, payload from channels_inbound where id = any(?)",
        (java.sql.ResultSet rs) -> {
          payloads.put(rs.getLong(1), rs.getString(2));
        },
        SqlArrays.of("bigint", List.of(ids)));
    // An announcement holds the messages of one account.
    Map<Long, List<InboundMessageReceived>> byAccount = new java.util.LinkedHashMap<>();
    for (Claimed c : claimed) {
      byAccount
          .computeIfAbsent(c.accountId(), a -> new ArrayList<>())
          .add(
              new InboundMessageReceived(
                  c.inboundId(),
                  new ChannelAccountId(c.accountId()),
                  new BrandId(c.brandId()),
                  c.channelType(),
                  payload.read(payloads.get(c.inboundId())),
                  c.confirmReceipt(),
                  json.readValue(c.classification(), Classification.class)));
    }
    byAccount.values().forEach(posts -> events.publishEvent(new InboundBatchReceived(posts, true)));
    jdbc.update(
        "delete from channels_captured where inbound_id = any(?)",
        SqlArrays.of("bigint", List.of(ids)));
    return claimed.size();
  }

  @Override
  public void start() {
    started = true;
  }

  /**
   * Before the database connections close: no batch starts any more, and the one running (its
   * transaction commits or rolls back whole) is waited for, up to 30 s.
   */
  @Override
  public void stop() {
    completer.stop(Duration.ofSeconds(30));
    started = false;
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
