package io.parley.compliance;

import io.parley.compliance.internal.AuditWriter;
import org.springframework.stereotype.Service;

/**
 * Appends to the audit trail in the caller's transaction (or its own): the entry commits or rolls
 * back with the change it records, then joins the hash chain. Entries are never changed.
 */
@Service
public class AuditTrail {

  private final AuditWriter writer;

  AuditTrail(AuditWriter writer) {
    this.writer = writer;
  }

  /** Appends {@code record}, naming the current user and client address unless given. */
  public long record(AuditRecord record) {
    return writer.append(record, null);
  }

  /** Appends {@code record} with the actor's name and address known to the caller. */
  public long record(AuditRecord record, String actorName, String sourceAddress) {
    return writer.append(record, new AuditWriter.Origin(actorName, sourceAddress));
  }

  /**
   * Appends {@code record} just before the current transaction commits, in one batch with the other
   * records appended so (for listeners that record each of many changes of one transaction).
   */
  public void recordAtCommit(AuditRecord record) {
    writer.appendAtCommit(record);
  }

  /**
   * Appends several records at once (one batch of inserts), with the caller's actor and address.
   */
  public java.util.List<Long> recordAll(
      java.util.List<AuditRecord> records, String actorName, String sourceAddress) {
    return writer.appendAll(records, new AuditWriter.Origin(actorName, sourceAddress));
  }
}
