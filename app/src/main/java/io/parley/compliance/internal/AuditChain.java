package io.parley.compliance.internal;

import io.parley.compliance.Verification;
import io.parley.compliance.Verification.Broken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain over audit entries. One linker at a time (the head row is locked, across nodes)
 * gives each committed entry the next position and hash = SHA-256(previous hash, canonical entry);
 * seals sign the head hash with the compliance key, so even a rewrite of the whole chain after a
 * seal is detected. Verification recomputes everything and names the first broken place.
 */
@Component
public class AuditChain {

  static final String GENESIS = "0".repeat(64);
  private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
  private static final int BATCH = 500;
  static final Duration WAKE_DELAY = Duration.ofMillis(100);

  private final JdbcTemplate jdbc;
  private final ComplianceKeys keys;
  private final TransactionTemplate transaction;
  private final io.parley.shared.Coalesced linker =
      new io.parley.shared.Coalesced(
          "parley-audit-chain",
          WAKE_DELAY,
          this::link,
          log,
          "Linking audit entries failed; retried on the next tick");

  AuditChain(JdbcTemplate jdbc, ComplianceKeys keys, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Links soon (called after an entry commits): {@link #WAKE_DELAY} later, so that the commits of
   * that moment are linked by one run (linking per commit made the linker's pending read the
   * database's most frequent expensive statement). However many commits wake it, at most one run
   * waits.
   */
  void wake() {
    linker.wake();
  }

  @Scheduled(fixedDelayString = "${parley.compliance.link-interval:2s}")
  void linkQuietly() {
    linker.run();
  }

  /** Links every committed entry not yet in the chain; returns how many. */
  public int link() {
    int total = 0;
    int linked;
    do {
      linked = transaction.execute(s -> linkBatch());
      total += linked;
    } while (linked == BATCH);
    return total;
  }

  private int linkBatch() {
    Head head =
        jdbc.queryForObject(
            "select position, hash, last_entry_id from compliance_audit_head where id = 1"
                + " for update",
            (rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3)));
    List<Entry> pending =
        jdbc.query(
            "select e.* from compliance_audit_pending p join compliance_audit_entry e on e.id ="
                + " p.entry_id order by p.entry_id limit "
                + BATCH,
            (rs, i) -> Entry.of(rs));
    long position = head.position();
    String hash = head.hash();
    long lastId = head.lastEntryId();
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> links = new java.util.ArrayList<>(pending.size());
    for (Entry entry : pending) {
      position++;
      String next = hash(hash, entry);
      links.add(new Object[] {position, entry.id(), hash, next, now});
      hash = next;
      lastId = Math.max(lastId, entry.id());
    }
    if (!pending.isEmpty()) {
      jdbc.batchUpdate(
          "insert into compliance_audit_link (position, entry_id, previous_hash, hash, linked_at)"
              + " values (?, ?, ?, ?, ?)",
          links);
      jdbc.update(
          "delete from compliance_audit_pending where entry_id = any(?)",
          io.parley.shared.SqlArrays.of("bigint", pending.stream().map(Entry::id).toList()));
      jdbc.update(
          "update compliance_audit_head set position = ?, hash = ?, last_entry_id = ? where id = 1",
          position,
          hash,
          lastId);
    }
    return pending.size();
  }

  /** Links what is pending, then signs the head if it moved since the last seal. */
  @Scheduled(
      fixedDelayString = "${parley.compliance.seal-interval:1h}",
      initialDelayString = "${parley.compliance.seal-interval:1h}")
  public void seal() {
    link();
    transaction.executeWithoutResult(
        s -> {
          var head =
              jdbc.queryForObject(
                  "select position, hash from compliance_audit_head where id = 1 for update",
                  (rs, i) -> new Head(rs.getLong(1), rs.getString(2), 0));
          Long sealed =
              jdbc.queryForObject("select max(position) from compliance_audit_seal", Long.class);
          if (head.position() == 0 || (sealed != null && sealed >= head.position())) {
            return;
          }
          Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
          jdbc.update(
              "insert into compliance_audit_seal (position, head_hash, sealed_at, mac)"
                  + " values (?, ?, ?, ?)",
              head.position(),
              head.hash(),
              Timestamp.from(at),
              keys.seal(sealText(head.position(), head.hash(), at)));
        });
  }

  /** Links what is pending, then checks every entry, link and seal. */
  public Verification verify() {
    link();
    String previous = GENESIS;
    long expected = 1;
    long checked = 0;
    while (true) {
      List<Row> rows =
          jdbc.query(
              "select l.position, l.entry_id, l.previous_hash, l.hash, e.*"
                  + " from compliance_audit_link l"
                  + " left join compliance_audit_entry e on e.id = l.entry_id"
                  + " where l.position >= ? order by l.position limit 2000",
              (rs, i) ->
                  new Row(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getObject("id") == null ? null : Entry.of(rs)),
              expected);
      if (rows.isEmpty()) {
        break;
      }
      for (Row row : rows) {
        if (row.position() != expected) {
          return broken(checked, previous, new Broken(expected, null, "link.missing"));
        }
        if (row.entry() == null) {
          return broken(
              checked, previous, new Broken(row.position(), row.entryId(), "entry.missing"));
        }
        if (!row.previousHash().equals(previous)) {
          return broken(
              checked, previous, new Broken(row.position(), row.entryId(), "link.altered"));
        }
        if (!hash(previous, row.entry()).equals(row.hash())) {
          return broken(
              checked, previous, new Broken(row.position(), row.entryId(), "entry.altered"));
        }
        previous = row.hash();
        expected++;
        checked++;
      }
    }
    long last = expected - 1;
    var head =
        jdbc.queryForObject(
            "select position, hash from compliance_audit_head where id = 1",
            (rs, i) -> new Head(rs.getLong(1), rs.getString(2), 0));
    if (head.position() != last || !head.hash().equals(previous)) {
      return broken(checked, previous, new Broken(last + 1, null, "head.mismatch"));
    }
    long seals = 0;
    for (var seal :
        jdbc.query(
            "select position, head_hash, sealed_at, mac from compliance_audit_seal order by id",
            (rs, i) ->
                new Seal(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getString(4)))) {
      if (!keys.seal(sealText(seal.position(), seal.headHash(), seal.at())).equals(seal.mac())) {
        return broken(checked, previous, new Broken(seal.position(), null, "seal.invalid"));
      }
      List<String> atPosition =
          jdbc.queryForList(
              "select hash from compliance_audit_link where position = ?",
              String.class,
              seal.position());
      if (atPosition.isEmpty() || !atPosition.get(0).equals(seal.headHash())) {
        return broken(checked, previous, new Broken(seal.position(), null, "seal.mismatch"));
      }
      seals++;
    }
    return new Verification(true, checked, seals, previous, Instant.now(), null);
  }

  /** The chain proof for some entries: each one's position, hashes and the seal covering it. */
  public List<Proof> proofs(List<Long> entryIds) {
    if (entryIds.isEmpty()) {
      return List.of();
    }
    link();
    String in = String.join(",", entryIds.stream().map(String::valueOf).toList());
    return jdbc.query(
        "select l.entry_id, l.position, l.previous_hash, l.hash,"
            + " (select min(s.id) from compliance_audit_seal s where s.position >= l.position)"
            + " from compliance_audit_link l where l.entry_id in ("
            + in
            + ") order by l.position",
        (rs, i) ->
            new Proof(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5) == null ? null : rs.getLong(5)));
  }

  /** One entry's place in the chain and the id of the first seal covering it (null if none yet). */
  public record Proof(long entryId, long position, String previousHash, String hash, Long sealId) {}

  private Verification broken(long checked, String previous, Broken at) {
    return new Verification(false, checked, 0, previous, Instant.now(), at);
  }

  static String sealText(long position, String hash, Instant at) {
    return position + "|" + hash + "|" + at;
  }

  static String hash(String previous, Entry entry) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(previous.getBytes(StandardCharsets.US_ASCII));
      digest.update(entry.canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  record Head(long position, String hash, long lastEntryId) {}

  record Seal(long position, String headHash, Instant at, String mac) {}

  record Row(long position, long entryId, String previousHash, String hash, Entry entry) {}

  /** An audit entry as stored; {@link #canonical()} is what its hash covers. */
  record Entry(
      long id,
      Instant at,
      Long actorId,
      String actorName,
      String source,
      String action,
      String subjectType,
      String subjectId,
      Long brandId,
      Long customerId,
      String before,
      String after) {

    static Entry of(ResultSet rs) throws SQLException {
      return new Entry(
          rs.getLong("id"),
          rs.getTimestamp("recorded_at").toInstant(),
          (Long) rs.getObject("actor_id", Long.class),
          rs.getString("actor_name"),
          rs.getString("source_address"),
          rs.getString("action"),
          rs.getString("subject_type"),
          rs.getString("subject_id"),
          (Long) rs.getObject("brand_id", Long.class),
          (Long) rs.getObject("customer_id", Long.class),
          rs.getString("before_value"),
          rs.getString("after_value"));
    }

    /** Every field, length-prefixed so no two different entries share a canonical form. */
    String canonical() {
      StringBuilder out = new StringBuilder();
      for (Object field :
          new Object[] {
            id,
            at,
            actorId,
            actorName,
            source,
            action,
            subjectType,
            subjectId,
            brandId,
            customerId,
            before,
            after
          }) {
        if (field == null) {
          out.append("-1:");
        } else {
          String text = field.toString();
          out.append(text.length()).append(':').append(text);
        }
        out.append('\n');
      }
      return out.toString();
    }
  }
}
