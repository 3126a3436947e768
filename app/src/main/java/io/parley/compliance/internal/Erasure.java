package io.parley.compliance.internal;

import io.parley.channels.ChannelRecords;
import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.ErasedIdentifiers;
import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's right to erasure: their profile, social identities, messages (and the replies on
 * their cases, which quote and name them), earlier versions, attachments (renamed, their files
 * deleted), channel records and connectors' own copies (web chat transcripts) on every account by
 * their own addresses and ids and messages (an address only typed into a chat on the accounts of
 * the brands their conversations were with), and held-reply texts are overwritten with
 * placeholders, and the key of their personal data in the audit trail is destroyed. Audit rows are
 * never touched, so the hash chain still verifies; what they held about the customer is now
 * unreadable ciphertext. Refused while a brand of one of their cases is on legal hold.
 */
@Component
public class Erasure {

  private static final CurrentUser SYSTEM =
      new CurrentUser(null, "system", "system", Role.ADMIN, Set.of());

  /** How a chat visitor signed by the company's server is known (see Customers). */
  private static final String SIGNED_VISITOR = "company:";

  private final Customers customers;
  private final Cases cases;
  private final ChannelRecords channels;
  private final Approvals approvals;
  private final SubjectKeys keys;
  private final Retention retention;
  private final AuditTrail audit;
  private final JsonMapper json;
  private final org.springframework.context.ApplicationEventPublisher events;

  Erasure(
      Customers customers,
      Cases cases,
      ChannelRecords channels,
      Approvals approvals,
      SubjectKeys keys,
      Retention retention,
      AuditTrail audit,
      JsonMapper json,
      org.springframework.context.ApplicationEventPublisher events) {
    this.events = events;
    this.customers = customers;
    this.cases = cases;
    this.channels = channels;
    this.approvals = approvals;
    this.keys = keys;
    this.retention = retention;
    this.audit = audit;
    this.json = json;
  }

  /** What was erased, or why not ({@code refusedBecause}, a message key). */
  public record Result(
      boolean erased,
      String refusedBecause,
      int cases,
      int messages,
      int attachments,
      int channelRecords) {}

  @Transactional
  public Result erase(CustomerId customer, UserId by) {
    if (customers.find(customer).isEmpty()) {
      return new Result(false, "compliance.erase.notFound", 0, 0, 0, 0);
    }
    for (CaseView c : cases.ofCustomer(customer, SYSTEM)) {
      if (retention.onHold(c.brand())) {
        return new Result(false, "compliance.erase.legalHold", 0, 0, 0, 0);
      }
    }
    ErasedIdentifiers own = customers.erase(customer);
    var conversations = cases.eraseCustomer(customer);
    // Their own addresses and ids are erased on every account. A company's key for a chat visitor
    // (its CRM id) and an address only typed into a chat are erased on the accounts of the brands
    // they wrote to only: on another brand's chat the same may be someone else's.
    Set<String> identifiers = new LinkedHashSet<>();
    Set<String> chatAddresses = new LinkedHashSet<>();
    for (String id : own.all()) {
      (id.startsWith(SIGNED_VISITOR) ? chatAddresses : identifiers).add(id);
    }
    for (String address : conversations.senderAddresses()) {
      if (!identifiers.contains(address)) {
        chatAddresses.add(address);
      }
    }
    int records =
        channels.erase(
            conversations.brands(),
            identifiers,
            chatAddresses,
            conversations.externalIds(),
            conversations.inboundIds(),
            conversations.messageIds().stream().map(id -> "message:" + id).toList());
    events.publishEvent(
        new io.parley.compliance.CustomerErased(
            customer, own.networkIds(), List.copyOf(conversations.inboundIds())));
    approvals.erase(conversations.messageIds());
    boolean shredded = keys.shred(customer.value());
    audit.record(
        AuditRecord.of("customer.erased", "customer", customer.value())
            .change(
                null,
                json.writeValueAsString(
                    AuditListeners.map(
                        "cases",
                        conversations.cases().size(),
                        "messages",
                        conversations.messageIds().size(),
                        "attachments",
                        conversations.attachments(),
                        "channelRecords",
                        records,
                        "auditKeyDestroyed",
                        shredded)))
            .by(by));
    return new Result(
        true,
        null,
        conversations.cases().size(),
        conversations.messageIds().size(),
        conversations.attachments(),
        records);
  }
}
