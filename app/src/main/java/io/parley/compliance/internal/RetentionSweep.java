package io.parley.compliance.internal;

import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.conversations.CaseId;
import io.parley.conversations.Cases;
import io.parley.identity.BrandId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each brand's retention period: solved and closed cases untouched for longer have their
 * texts pseudonymized (never deleted), a batch per transaction, each audited. Brands on legal hold
 * are skipped.
 */
@Component
public class RetentionSweep {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  private static final int BATCH = 100;

  private final Retention retention;
  private final Cases cases;
  private final AuditTrail audit;
  private final TransactionTemplate transaction;

  RetentionSweep(
      Retention retention, Cases cases, AuditTrail audit, PlatformTransactionManager transactions) {
    this.retention = retention;
    this.cases = cases;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(
      fixedDelayString = "${parley.compliance.retention-sweep-interval:6h}",
      initialDelayString = "${parley.compliance.retention-sweep-interval:6h}")
  void scheduled() {
    try {
      sweep(Instant.now());
    } catch (RuntimeException e) {
      log.warn("Retention sweep failed; retried on the next run", e);
    }
  }

  /** Pseudonymizes what is past retention as of {@code now}; returns the cases touched. */
  public int sweep(Instant now) {
    int total = 0;
    for (Retention.Policy policy : retention.all()) {
      if (policy.legalHold() || policy.retentionDays() == null) {
        continue;
      }
      BrandId brand = new BrandId(policy.brandId());
      Instant before = now.minus(Duration.ofDays(policy.retentionDays()));
      List<CaseId> expired;
      do {
        expired =
            transaction.execute(
                s -> {
                  List<CaseId> ids = cases.expire(brand, before, BATCH);
                  for (CaseId id : ids) {
                    audit.record(
                        AuditRecord.of("retention.expired", "case", id.value())
                            .brand(brand)
                            .change(null, "{\"retentionDays\":" + policy.retentionDays() + "}"));
                  }
                  return ids;
                });
        total += expired.size();
      } while (expired.size() == BATCH);
    }
    return total;
  }
}
