package io.parley.compliance.internal;

import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.identity.BrandId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each brand's retention period and legal hold. Nothing is deleted when a period ends; the sweep
 * ({@link RetentionSweep}) only reports what is past retention, and erasure refuses customers of a
 * brand on legal hold. Changes are audited.
 */
@Component
public class Retention {

  /** A brand's policy: keep for {@code retentionDays} (null: for ever) unless on legal hold. */
  public record Policy(long brandId, Integer retentionDays, boolean legalHold, String holdReason) {}

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private final JsonMapper json;

  Retention(JdbcTemplate jdbc, AuditTrail audit, JsonMapper json) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.json = json;
  }

  public Optional<Policy> of(BrandId brand) {
    return jdbc
        .query(
            "select brand_id, retention_days, legal_hold, legal_hold_reason"
                + " from compliance_brand_policy where brand_id = ?",
            (rs, i) ->
                new Policy(
                    rs.getLong(1),
                    (Integer) rs.getObject(2, Integer.class),
                    rs.getBoolean(3),
                    rs.getString(4)),
            brand.value())
        .stream()
        .findFirst();
  }

  public List<Policy> all() {
    return jdbc.query(
        "select brand_id, retention_days, legal_hold, legal_hold_reason"
            + " from compliance_brand_policy order by brand_id",
        (rs, i) ->
            new Policy(
                rs.getLong(1),
                (Integer) rs.getObject(2, Integer.class),
                rs.getBoolean(3),
                rs.getString(4)));
  }

  public boolean onHold(BrandId brand) {
    return of(brand).map(Policy::legalHold).orElse(false);
  }

  /** Sets a brand's policy; false on invalid values (negative days, a hold without a reason). */
  @Transactional
  public boolean set(BrandId brand, Integer retentionDays, boolean legalHold, String holdReason) {
    if ((retentionDays != null && (retentionDays < 1 || retentionDays > 36_500))
        || (legalHold && (holdReason == null || holdReason.isBlank()))) {
      return false;
    }
    Optional<Policy> before = of(brand);
    jdbc.update("delete from compliance_brand_policy where brand_id = ?", brand.value());
    jdbc.update(
        "insert into compliance_brand_policy"
            + " (brand_id, retention_days, legal_hold, legal_hold_reason, updated_at)"
            + " values (?, ?, ?, ?, ?)",
        brand.value(),
        retentionDays,
        legalHold,
        legalHold ? holdReason.strip() : null,
        Timestamp.from(Instant.now()));
    audit.record(
        AuditRecord.of("retention.policy.set", "brand", brand.value())
            .brand(brand)
            .change(
                before.map(json::writeValueAsString).orElse(null),
                json.writeValueAsString(
                    new Policy(
                        brand.value(),
                        retentionDays,
                        legalHold,
                        legalHold ? holdReason.strip() : null))));
    return true;
  }
}
