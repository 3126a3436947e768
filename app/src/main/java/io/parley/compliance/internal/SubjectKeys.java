package io.parley.compliance.internal;

import io.parley.shared.TransactionMemo;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One key per customer for the personal data the audit trail keeps about them (message texts,
 * addresses, profile values). Audit rows hold only ciphertext; erasing a customer destroys the key,
 * so the rows, and the hash chain over them, stay untouched while the data becomes unreadable
 * (crypto-shredding).
 */
@Component
public class SubjectKeys {

  static final String PREFIX = "enc:";
  static final String SHREDDED = "[erased]";
  private static final String INSERT =
      "insert into compliance_subject_key (customer_id, wrapped_key, created_at) values (?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final ComplianceKeys keys;
  private final TransactionTemplate ownTransaction;

  /** This transaction's keys by customer: a case's entries all use the same key. */
  private final TransactionMemo<Long, byte[]> memo = new TransactionMemo<>();

  SubjectKeys(JdbcTemplate jdbc, ComplianceKeys keys, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** {@code plain} encrypted under the customer's key (created on first use). */
  public String encrypt(long customerId, String plain) {
    if (plain == null) {
      return null;
    }
    byte[] key = memo.get(customerId, id -> find(id).orElseGet(() -> create(id)));
    return PREFIX + ComplianceKeys.encrypt(key, plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Makes the keys of several customers ready for this transaction (the customers of a batch of
   * entries): the existing ones read in one query, the missing ones created in one batch under a
   * savepoint. If another transaction created one of them meanwhile, the batch is undone and each
   * key is left to {@link #encrypt}'s own path.
   */
  void prepare(java.util.Collection<Long> customerIds) {
    java.util.Set<Long> wanted = new java.util.LinkedHashSet<>(customerIds);
    if (wanted.size() < 2 || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return;
    }
    java.util.Map<Long, byte[]> found = new java.util.HashMap<>();
    jdbc.query(
        "select customer_id, wrapped_key from compliance_subject_key where customer_id = any(?)",
        rs -> {
          found.put(rs.getLong(1), keys.unwrap(rs.getString(2)));
        },
        io.parley.shared.SqlArrays.of("bigint", wanted));
    found.forEach(memo::put);
    java.util.Map<Long, byte[]> fresh = new java.util.LinkedHashMap<>();
    wanted.stream()
        .filter(id -> !found.containsKey(id))
        .forEach(id -> fresh.put(id, ComplianceKeys.newKey()));
    if (!fresh.isEmpty() && insertUnderSavepoint(fresh)) {
      fresh.forEach(memo::put);
    }
  }

  /** The plain text, or {@value #SHREDDED} once the customer was erased. */
  public String decrypt(Long customerId, String stored) {
    if (stored == null || !stored.startsWith(PREFIX) || customerId == null) {
      return stored;
    }
    return find(customerId)
        .map(
            key ->
                new String(
                    ComplianceKeys.decrypt(key, stored.substring(PREFIX.length())),
                    StandardCharsets.UTF_8))
        .orElse(SHREDDED);
  }

  /** Destroys the customer's key: everything encrypted under it is unreadable from now on. */
  public boolean shred(long customerId) {
    memo.forget(customerId);
    return jdbc.update("delete from compliance_subject_key where customer_id = ?", customerId) > 0;
  }

  private Optional<byte[]> find(long customerId) {
    return jdbc
        .query(
            "select wrapped_key from compliance_subject_key where customer_id = ?",
            (rs, i) -> rs.getString(1),
            customerId)
        .stream()
        .findFirst()
        .map(keys::unwrap);
  }

  /**
   * Under a savepoint of the caller's transaction, so a race with another writer rolls back only
   * the insert, and a new key costs no commit of its own; outside a transaction, in its own.
   */
  private byte[] create(long customerId) {
    byte[] key = ComplianceKeys.newKey();
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      try {
        ownTransaction.executeWithoutResult(
            s -> jdbc.update(INSERT, customerId, keys.wrap(key), Timestamp.from(Instant.now())));
        return key;
      } catch (DuplicateKeyException raced) {
        return find(customerId).orElseThrow();
      }
    }
    return insertUnderSavepoint(java.util.Map.of(customerId, key))
        ? key
        : find(customerId).orElseThrow();
  }

  /**
   * Stores new keys by customer in one batch under a savepoint of the current transaction: false,
   * with nothing stored, when another transaction stored one of these customers' keys first.
   */
  private boolean insertUnderSavepoint(java.util.Map<Long, byte[]> fresh) {
    Timestamp now = Timestamp.from(Instant.now());
    return Boolean.TRUE.equals(
        jdbc.execute(
            (java.sql.Connection connection) -> {
              java.sql.Savepoint before = connection.setSavepoint();
              try (var ps = connection.prepareStatement(INSERT)) {
                for (var entry : fresh.entrySet()) {
                  ps.setLong(1, entry.getKey());
                  ps.setString(2, keys.wrap(entry.getValue()));
                  ps.setTimestamp(3, now);
                  ps.addBatch();
                }
                ps.executeBatch();
                connection.releaseSavepoint(before);
                return true;
              } catch (java.sql.SQLException e) {
                connection.rollback(before);
                if (raced(e)) {
                  return false;
                }
                throw e;
              }
            }));
  }

  /** A unique key violation (SQL state class 23), also when a batch reports it as the next one. */
  private static boolean raced(java.sql.SQLException e) {
    for (java.sql.SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
