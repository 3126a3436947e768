package io.parley.compliance.internal;

import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.compliance.Verification;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.HistoryEntry;
import io.parley.conversations.MessageVersion;
import io.parley.conversations.MessageView;
import io.parley.customers.CustomerId;
import io.parley.customers.CustomerProfile;
import io.parley.customers.Customers;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bundles for auditors and regulators (one case, or a period) and for customers (everything about
 * them). An auditor bundle carries the chain proof: each entry's position and hashes, the seals
 * covering them and a fresh verification of the whole chain. Every export is itself audited.
 */
@Component
public class AuditExports {

  private static final int MAX_ENTRIES = 20_000;
  private static final CurrentUser SYSTEM =
      new CurrentUser(null, "system", "system", Role.ADMIN, Set.of());

  private final Cases cases;
  private final Customers customers;
  private final AuditLog log;
  private final AuditChain chain;
  private final AuditTrail audit;
  private final JdbcTemplate jdbc;

  AuditExports(
      Cases cases,
      Customers customers,
      AuditLog log,
      AuditChain chain,
      AuditTrail audit,
      JdbcTemplate jdbc) {
    this.cases = cases;
    this.customers = customers;
    this.log = log;
    this.chain = chain;
    this.audit = audit;
    this.jdbc = jdbc;
  }

  /** A message with its earlier versions. */
  public record MessageRecord(MessageView message, List<MessageVersion> versions) {}

  /** A seal as exported: anyone with the key can recompute its MAC. */
  public record SealRecord(long id, long position, String headHash, Instant sealedAt, String mac) {}

  public record Bundle(
      String scope,
      Instant generatedAt,
      String generatedBy,
      CaseView aCase,
      List<MessageRecord> messages,
      List<HistoryEntry> history,
      List<AuditLog.Line> entries,
      List<AuditChain.Proof> proofs,
      List<SealRecord> seals,
      Verification verification,
      String hashAlgorithm) {}

  @Transactional
  public Optional<Bundle> ofCase(String reference, CurrentUser by) {
    Optional<CaseView> found = cases.findByReference(reference);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseView aCase = found.get();
    List<MessageRecord> messages = new ArrayList<>();
    Set<String> messageIds = new LinkedHashSet<>();
    for (MessageView m : cases.messages(aCase.id())) {
      messages.add(new MessageRecord(m, cases.versions(m.id())));
      messageIds.add(String.valueOf(m.id()));
    }
    List<AuditLog.Line> entries = new ArrayList<>();
    entries.addAll(log.about("case", List.of(String.valueOf(aCase.id().value()))));
    entries.addAll(log.about("message", messageIds));
    List<String> refs = messageIds.stream().map(id -> "message:" + id).toList();
    if (!refs.isEmpty()) {
      String marks = String.join(",", refs.stream().map(r -> "?").toList());
      entries.addAll(
          log.about(
              "approval",
              jdbc.queryForList(
                  "select cast(id as varchar(20)) from compliance_approval where source_ref in ("
                      + marks
                      + ")",
                  String.class,
                  refs.toArray())));
      entries.addAll(log.deliveriesOf(refs));
    }
    entries.sort(java.util.Comparator.comparingLong(AuditLog.Line::id));
    return Optional.of(
        finish(
            "case " + aCase.reference(),
            by,
            aCase,
            messages,
            cases.history(aCase.id()),
            entries,
            "case",
            String.valueOf(aCase.id().value())));
  }

  @Transactional
  public Bundle ofPeriod(Instant from, Instant to, CurrentUser by) {
    return finish(
        "period " + from + " – " + to,
        by,
        null,
        List.of(),
        List.of(),
        log.between(from, to, MAX_ENTRIES),
        "period",
        from + "/" + to);
  }

  private Bundle finish(
      String scope,
      CurrentUser by,
      CaseView aCase,
      List<MessageRecord> messages,
      List<HistoryEntry> history,
      List<AuditLog.Line> entries,
      String subjectType,
      String subjectId) {
    audit.record(
        AuditRecord.of("audit.exported", subjectType, subjectId)
            .change(null, "{\"entries\":" + entries.size() + "}"));
    // Seal now, so the proof covers every entry exported.
    chain.seal();
    List<AuditChain.Proof> proofs = chain.proofs(entries.stream().map(AuditLog.Line::id).toList());
    Set<Long> sealIds = new LinkedHashSet<>();
    proofs.forEach(
        p -> {
          if (p.sealId() != null) {
            sealIds.add(p.sealId());
          }
        });
    List<SealRecord> seals =
        jdbc
            .query(
                "select id, position, head_hash, sealed_at, mac from compliance_audit_seal order by id",
                (rs, i) ->
                    new SealRecord(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
            .stream()
            .filter(s -> sealIds.contains(s.id()))
            .toList();
    return new Bundle(
        scope,
        Instant.now(),
        by == null ? null : by.username(),
        aCase,
        messages,
        history,
        entries,
        proofs,
        seals,
        chain.verify(),
        "SHA-256(previousHash || canonical entry); seals HMAC-SHA256(position|headHash|sealedAt)");
  }

  /** Everything Parley holds about a customer (their right of access), as one document. */
  public record CustomerBundle(
      CustomerProfile profile,
      List<CaseView> cases,
      List<MessageRecord> messages,
      List<AuditLog.Line> auditEntries,
      Instant generatedAt) {}

  @Transactional
  public Optional<CustomerBundle> ofCustomer(CustomerId customer) {
    Optional<CustomerProfile> profile = customers.profile(customer);
    if (profile.isEmpty()) {
      return Optional.empty();
    }
    List<CaseView> theirs = cases.ofCustomer(customer, SYSTEM);
    List<MessageRecord> messages = new ArrayList<>();
    for (CaseView c : theirs) {
      for (MessageView m : cases.messages(c.id())) {
        messages.add(new MessageRecord(m, cases.versions(m.id())));
      }
    }
    audit.record(AuditRecord.of("customer.exported", "customer", customer.value()));
    return Optional.of(
        new CustomerBundle(
            profile.get(), theirs, messages, log.ofCustomer(customer.value()), Instant.now()));
  }
}
