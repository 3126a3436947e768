package io.parley.compliance;

import io.parley.identity.BrandId;
import io.parley.identity.UserId;

/**
 * One thing done, to be appended to the audit trail: {@code action} (e.g. {@code case.changed}),
 * its subject ({@code type} + {@code id}) and the values before and after (JSON or text). With
 * {@code customer} set, before and after are personal data of that customer and are stored
 * encrypted under the customer's own key. A null actor means the signed-in user of the current
 * request (or the system).
 */
public record AuditRecord(
    String action,
    String subjectType,
    String subjectId,
    BrandId brand,
    Long customer,
    String before,
    String after,
    UserId actor) {

  public static AuditRecord of(String action, String subjectType, Object subjectId) {
    return new AuditRecord(
        action,
        subjectType,
        subjectId == null ? null : subjectId.toString(),
        null,
        null,
        null,
        null,
        null);
  }

  public AuditRecord brand(BrandId value) {
    return new AuditRecord(action, subjectType, subjectId, value, customer, before, after, actor);
  }

  public AuditRecord customer(Long value) {
    return new AuditRecord(action, subjectType, subjectId, brand, value, before, after, actor);
  }

  public AuditRecord change(String beforeValue, String afterValue) {
    return new AuditRecord(
        action, subjectType, subjectId, brand, customer, beforeValue, afterValue, actor);
  }

  public AuditRecord by(UserId value) {
    return new AuditRecord(action, subjectType, subjectId, brand, customer, before, after, value);
  }
}
