package io.parley.entitlements.internal;

import io.parley.entitlements.SlaMetric;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A warning or breach shown to supervisors on the SLA page. */
@Entity
@Table(name = "entitlements_alert")
public class SlaAlert {

  public enum Kind {
    WARNING,
    BREACH
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entitlements_alert_seq")
  @SequenceGenerator(name = "entitlements_alert_seq", allocationSize = 50)
  private Long id;

  private Long caseId;
  private Long brandId;

  @Enumerated(EnumType.STRING)
  private SlaMetric metric;

  @Enumerated(EnumType.STRING)
  private Kind kind;

  @jakarta.persistence.Column(name = "raised_at")
  private Instant at;

  private String actions;

  protected SlaAlert() {}

  SlaAlert(Long caseId, Long brandId, SlaMetric metric, Kind kind, Instant at, String actions) {
    this.caseId = caseId;
    this.brandId = brandId;
    this.metric = metric;
    this.kind = kind;
    this.at = at;
    this.actions = actions;
  }

  public Long getCaseId() {
    return caseId;
  }

  public Long getBrandId() {
    return brandId;
  }

  public SlaMetric getMetric() {
    return metric;
  }

  public Kind getKind() {
    return kind;
  }

  public Instant getAt() {
    return at;
  }

  public String getActions() {
    return actions;
  }
}
