package io.parley.compliance.internal;

import io.parley.channels.CapturedPostReleased;
import io.parley.channels.DeliveryUpdated;
import io.parley.channels.InboundBatchReceived;
import io.parley.channels.InboundMessageReceived;
import io.parley.compliance.AuditRecord;
import io.parley.compliance.AuditTrail;
import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.HistoryEntry;
import io.parley.conversations.MessageAdded;
import io.parley.conversations.MessageHidden;
import io.parley.conversations.MessageRevised;
import io.parley.conversations.MessageVersion;
import io.parley.conversations.MessageView;
import io.parley.customers.CustomerViewed;
import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the other modules' events into the audit trail, synchronously in the transaction that
 * published them (an entry commits with its change or not at all). Personal data (what customers
 * and agents wrote, subjects) goes in encrypted under the case's customer's key; channel-level
 * entries carry only ids.
 */
@Component
class AuditListeners {

  private static final Set<String> PERSONAL_KINDS = Set.of("subject");

  private final AuditTrail audit;
  private final Cases cases;
  private final JsonMapper json;

  AuditListeners(AuditTrail audit, Cases cases, JsonMapper json) {
    this.audit = audit;
    this.cases = cases;
    this.json = json;
  }

  @EventListener
  void on(CaseOpened event) {
    Map<String, Object> after = map("reference", event.reference(), "channel", event.channelType());
    after.put("subject", event.subject());
    if (event.firstMessage() != null) {
      after.put("firstMessage", event.firstMessage());
    }
    // A page of messages opens many cases: their entries go in as one batch at commit.
    audit.recordAtCommit(
        AuditRecord.of("case.opened", "case", event.id().value())
            .brand(event.brand())
            .customer(event.customer() == null ? null : event.customer().value())
            .change(null, write(after)));
  }

  @EventListener
  void on(CaseChanged event) {
    if ("delivery".equals(event.kind())) {
      return; // recorded as message.out.* from DeliveryUpdated
    }
    List<String> kinds = List.of(event.kind().split("\\s+"));
    List<HistoryEntry> history = cases.history(event.id());
    Map<String, Object> before = new LinkedHashMap<>();
    Map<String, Object> after = new LinkedHashMap<>();
    boolean personal = false;
    for (String kind : kinds) {
      for (int i = history.size() - 1; i >= 0; i--) {
        HistoryEntry entry = history.get(i);
        if (entry.kind().equals(kind)) {
          before.put(kind, entry.before());
          after.put(kind, entry.after());
          personal |= PERSONAL_KINDS.contains(kind);
          break;
        }
      }
      after.putIfAbsent(kind, null);
    }
    CaseView view = personal ? cases.find(event.id()).orElse(null) : null;
    audit.record(
        AuditRecord.of("case.changed", "case", event.id().value())
            .brand(event.brand())
            .customer(customerOf(view))
            .change(write(before), write(after))
            .by(event.actor()));
  }

  @EventListener
  void on(MessageAdded event) {
    MessageView message = cases.message(event.messageId()).orElse(null);
    CaseView view = cases.find(event.id()).orElse(null);
    Map<String, Object> after = map("case", event.reference(), "kind", event.kind().name());
    if (message != null) {
      after.put("body", message.body());
      after.put("delivery", message.deliveryStatus());
    }
    audit.record(
        AuditRecord.of(
                "message.added." + event.kind().name().toLowerCase(java.util.Locale.ROOT),
                "message",
                event.messageId())
            .brand(event.brand())
            .customer(customerOf(view))
            .change(null, write(after))
            .by(event.actor()));
  }

  @EventListener
  void on(MessageRevised event) {
    List<MessageVersion> versions = cases.versions(event.messageId());
    String before = versions.isEmpty() ? null : versions.get(versions.size() - 1).body();
    String after = cases.message(event.messageId()).map(MessageView::body).orElse(null);
    audit.record(
        AuditRecord.of("message.revised", "message", event.messageId())
            .brand(event.brand())
            .customer(customerOf(cases.find(event.id()).orElse(null)))
            .change(
                write(map("body", before, "revision", event.revision() - 1)),
                write(map("body", after, "revision", event.revision(), "reason", event.reason())))
            .by(event.actor()));
  }

  @EventListener
  void on(MessageHidden event) {
    audit.record(
        AuditRecord.of("message.hidden", "message", event.messageId())
            .brand(event.brand())
            .change(null, write(map("case", event.reference(), "reason", event.reason())))
            .by(event.actor()));
  }

  /** A batch's messages are of one account: one batch of entries, named after its channel. */
  @EventListener
  void on(InboundBatchReceived batch) {
    if (batch.messages().isEmpty()) {
      return;
    }
    audit.recordAll(
        batch.messages().stream().map(this::received).toList(),
        "channel:" + batch.messages().get(0).channelType(),
        null);
  }

  private AuditRecord received(InboundMessageReceived event) {
    return messageIn(
        event.inboundId(),
        event.brand(),
        map(
            "account", event.account().value(),
            "channel", event.channelType(),
            "externalId", event.message().externalId()));
  }

  /**
   * A listened post given up on still arrived: its entry says so, with the last error, since it was
   * never announced as received.
   */
  @EventListener
  void on(CapturedPostReleased event) {
    audit.record(
        messageIn(
            event.inboundId(),
            event.brand(),
            map(
                "account", event.account().value(),
                "channel", event.channelType(),
                "externalId", event.externalId(),
                "completion", "given up: " + event.error())),
        "channel:" + event.channelType(),
        null);
  }

  /** A message's arrival: the entry of its inbound record. */
  private AuditRecord messageIn(long inboundId, BrandId brand, Map<String, Object> arrival) {
    return AuditRecord.of("message.in", "inbound", inboundId)
        .brand(brand)
        .change(null, write(arrival));
  }

  @EventListener
  void on(DeliveryUpdated event) {
    audit.record(
        AuditRecord.of(
                "message.out." + event.state().name().toLowerCase(java.util.Locale.ROOT),
                "outbox",
                event.outboxId())
            .change(
                null,
                write(
                    map(
                        "source", event.sourceRef(),
                        "state", event.state().name(),
                        "externalId", event.externalId(),
                        "error", event.error()))));
  }

  @EventListener
  void on(CustomerViewed event) {
    audit.record(
        AuditRecord.of("customer.viewed", "customer", event.customer().value())
            .change(null, write(map("via", event.via())))
            .by(event.viewer()));
  }

  @EventListener
  void on(AuthenticationSuccessEvent event) {
    if (!(event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details)) {
      return; // API tokens authenticate every request; only sign-ins are recorded
    }
    var record = AuditRecord.of("signin.succeeded", "user", event.getAuthentication().getName());
    if (event.getAuthentication().getPrincipal() instanceof CurrentUser user) {
      record = AuditRecord.of("signin.succeeded", "user", user.id().value()).by(user.id());
    }
    audit.record(record, event.getAuthentication().getName(), details.getRemoteAddress());
  }

  @EventListener
  void on(AbstractAuthenticationFailureEvent event) {
    String address =
        event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
            ? d.getRemoteAddress()
            : null;
    String name = event.getAuthentication().getName();
    audit.record(
        AuditRecord.of("signin.failed", "user", name)
            .change(null, write(map("reason", event.getException().getClass().getSimpleName()))),
        name,
        address);
  }

  private static Long customerOf(CaseView view) {
    return view == null || view.customer() == null ? null : view.customer().value();
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private String write(Map<String, Object> map) {
    return map.isEmpty() ? null : json.writeValueAsString(map);
  }
}
