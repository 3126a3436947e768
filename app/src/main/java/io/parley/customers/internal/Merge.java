package io.parley.customers.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One customer merged into another, with the JSON snapshot of everything it changed. */
@Entity
@Table(name = "customers_merge")
public class Merge {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customers_merge_seq")
  @SequenceGenerator(name = "customers_merge_seq", allocationSize = 50)
  private Long id;

  private Long sourceId;
  private Long targetId;
  private String snapshot;
  private Instant mergedAt;
  private Long mergedBy;
  private Instant unmergedAt;
  private Long unmergedBy;

  protected Merge() {}

  public Merge(long sourceId, long targetId, String snapshot, Long by) {
    this.sourceId = sourceId;
    this.targetId = targetId;
    this.snapshot = snapshot;
    this.mergedAt = Instant.now();
    this.mergedBy = by;
  }

  public void undone(Long by) {
    this.unmergedAt = Instant.now();
    this.unmergedBy = by;
  }

  public Long getId() {
    return id;
  }

  public Long getSourceId() {
    return sourceId;
  }

  public Long getTargetId() {
    return targetId;
  }

  public String getSnapshot() {
    return snapshot;
  }

  public Instant getMergedAt() {
    return mergedAt;
  }

  public Instant getUnmergedAt() {
    return unmergedAt;
  }

  /**
   * Erasure of either customer: the snapshot held their personal data, so it goes (the merge can no
   * longer be undone, which erasure accepts).
   */
  public void eraseSnapshot() {
    this.snapshot = "{\"erased\":true}";
  }
}
