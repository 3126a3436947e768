package io.parley.compliance.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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

  private final JdbcTemplate jdbc;
  private final ComplianceKeys keys;
  private final TransactionTemplate ownTransaction;

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
    byte[] key = find(customerId).orElseGet(() -> create(customerId));
    return PREFIX + ComplianceKeys.encrypt(key, plain.getBytes(StandardCharsets.UTF_8));
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

  /** In its own transaction, so a race with another writer never aborts the caller's. */
  private byte[] create(long customerId) {
    byte[] key = ComplianceKeys.newKey();
    try {
      ownTransaction.executeWithoutResult(
          s ->
              jdbc.update(
                  "insert into compliance_subject_key (customer_id, wrapped_key, created_at)"
                      + " values (?, ?, ?)",
                  customerId,
                  keys.wrap(key),
                  Timestamp.from(Instant.now())));
      return key;
    } catch (DuplicateKeyException raced) {
      return find(customerId).orElseThrow();
    }
  }
}
