package io.parley.customers.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A scored guess that {@code customerId} (usually someone who just wrote in) is the same person as
 * {@code candidateId}; open until an agent confirms or dismisses it.
 */
@Entity
@Table(name = "customers_candidate")
public class Candidate {

  public enum Status {
    OPEN,
    CONFIRMED,
    DISMISSED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customers_candidate_seq")
  @SequenceGenerator(name = "customers_candidate_seq", allocationSize = 50)
  private Long id;

  private Long customerId;
  private Long candidateId;
  private int score;
  private String reasons;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  private Status status = Status.OPEN;

  private Instant createdAt;
  private Instant decidedAt;
  private Long decidedBy;

  protected Candidate() {}

  public Candidate(long customerId, long candidateId, int score, List<String> reasons) {
    this.customerId = customerId;
    this.candidateId = candidateId;
    this.createdAt = Instant.now();
    rescore(score, reasons);
  }

  public void rescore(int score, List<String> reasons) {
    this.score = Math.min(100, score);
    this.reasons = String.join(",", reasons);
  }

  public void decide(Status decision, Long by) {
    this.status = decision;
    this.decidedAt = Instant.now();
    this.decidedBy = by;
  }

  /** Open again, as before the decision (a confirmed merge was undone). */
  public void reopen() {
    this.status = Status.OPEN;
    this.decidedAt = null;
    this.decidedBy = null;
  }

  public Long getId() {
    return id;
  }

  public Long getCustomerId() {
    return customerId;
  }

  public Long getCandidateId() {
    return candidateId;
  }

  public int getScore() {
    return score;
  }

  public List<String> reasons() {
    return reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(","));
  }

  public Status getStatus() {
    return status;
  }
}
