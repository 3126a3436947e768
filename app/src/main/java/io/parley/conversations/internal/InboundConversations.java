package io.parley.conversations.internal;

import io.parley.channels.Classification;
import io.parley.channels.InboundBatchReceived;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.InboundHtml;
import io.parley.conversations.MessageKind;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.Contact;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Threads a customer's message from any channel into a case, inside the transaction that stored it:
 * the author is resolved to a customer (or becomes a new contact); the message joins the case of
 * the message it answers (network parent ids, an email's In-Reply-To and References), else the case
 * named in its subject ([ACME-1042]) if the same customer owns it, else opens a new case (confirmed
 * to the customer by email when the channel asks). A message to a closed case opens a new one
 * linked to it.
 *
 * <p>A batch (a poll's page, a stream's burst) is taken together: its senders are resolved in one
 * go and its new cases opened together, in the order received; a message that may answer another
 * (it names a parent, a thread or a case) first lets the cases before it open, so it finds them.
 */
@Component
class InboundConversations {

  private static final Pattern REFERENCE = Pattern.compile("\\[([A-Z][A-Z0-9]{1,9}-\\d{1,12})]");

  private final CaseWriter writer;
  private final CaseRepository cases;
  private final MessageRepository messages;
  private final Customers customers;
  private final ReceiptConfirmations receipts;

  InboundConversations(
      CaseWriter writer,
      CaseRepository cases,
      MessageRepository messages,
      Customers customers,
      ReceiptConfirmations receipts) {
    this.writer = writer;
    this.cases = cases;
    this.messages = messages;
    this.customers = customers;
    this.receipts = receipts;
  }

  @EventListener
  void on(InboundBatchReceived batch) {
    List<InboundMessageReceived> taken = new ArrayList<>();
    for (InboundMessageReceived event : batch.messages()) {
      // A listened post becomes a case only when a rule says so.
      if (!event.message().listened() || event.classification().openCase()) {
        taken.add(event);
      }
    }
    if (taken.isEmpty()) {
      return;
    }
    List<Contact> contacts = new ArrayList<>();
    for (InboundMessageReceived event : taken) {
      if (event.message().author() != null) {
        contacts.add(contactOf(event.message()));
      }
    }
    java.util.Iterator<CustomerId> senders = customers.resolveContacts(contacts).iterator();
    if (batch.captured()) {
      complete(taken, senders);
      return;
    }
    List<Pending> pending = new ArrayList<>();
    for (InboundMessageReceived event : taken) {
      InboundMessage m = event.message();
      CustomerId customer = m.author() == null ? null : senders.next();
      Optional<SupportCase> thread = Optional.empty();
      if (mayThread(m, customer)) {
        openAll(pending); // it may answer a case opened just before it in this batch
        thread = threadOf(event, m, customer);
      }
      String text = bodyOf(m);
      Instant at = sentAt(m, Instant.now());
      InboundDetails details =
          new InboundDetails(
              m.externalId(),
              m.author() == null ? null : m.author().replyAddress(),
              event.inboundId(),
              m.html(),
              m.attachments(),
              m.publicPost() ? null : m.threadId());
      if (thread.isPresent() && thread.get().getStatus() != CaseStatus.CLOSED) {
        writer.addMessage(
            new CaseId(thread.get().getId()),
            MessageKind.INBOUND,
            customer,
            null,
            text,
            at,
            details,
            List.of());
        continue;
      }
      Classification classification = event.classification();
      pending.add(
          new Pending(
              event,
              thread,
              new CaseWriter.Opening(
                  new NewCase(
                      event.brand(),
                      m.subject(),
                      priorityOf(classification),
                      customer,
                      event.account(),
                      event.channelType(),
                      text,
                      at),
                  m.html(),
                  details,
                  classification.queueId(),
                  classification.tags())));
    }
    openAll(pending);
  }

  /**
   * Completes the cases that were captured for these posts ({@link CaseCapturing}): each learns its
   * customer ({@code senders}, in the order of the posts that have an author) and its rule's tags.
   */
  private void complete(
      List<InboundMessageReceived> taken, java.util.Iterator<CustomerId> senders) {
    List<CaseWriter.Completing> items = new ArrayList<>(taken.size());
    for (InboundMessageReceived event : taken) {
      CustomerId customer = event.message().author() == null ? null : senders.next();
      items.add(
          new CaseWriter.Completing(event.inboundId(), customer, event.classification().tags()));
    }
    List<CaseView> views = writer.completeAll(items);
    for (int i = 0; i < taken.size(); i++) {
      if (views.get(i) != null) {
        receipts.confirm(taken.get(i), views.get(i));
      }
    }
  }

  /** A message's text on its case: its text, else its HTML's, else what it is without one. */
  static String bodyOf(InboundMessage m) {
    String text = m.text();
    if ((text == null || text.isBlank()) && m.html() != null) {
      text = InboundHtml.toText(m.html());
    }
    if (text == null || text.isBlank()) {
      text = m.attachments().isEmpty() ? "(empty message)" : "(attachments only)";
    }
    return text;
  }

  /** When a message was sent, as its case records it: never later than {@code now}. */
  static Instant sentAt(InboundMessage m, Instant now) {
    return m.sentAt() == null || m.sentAt().isAfter(now) ? now : m.sentAt();
  }

  /** A message that opens a case, and the closed case it continues (if any). */
  private record Pending(
      InboundMessageReceived event, Optional<SupportCase> closed, CaseWriter.Opening opening) {}

  /** Opens the pending cases together, links each to the closed case it continues, and empties. */
  private void openAll(List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    List<CaseView> opened = writer.openAll(pending.stream().map(Pending::opening).toList());
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      CaseView view = opened.get(i);
      p.closed().ifPresent(closed -> writer.link(view.id(), new CaseId(closed.getId()), null));
      receipts.confirm(p.event(), view);
    }
    pending.clear();
  }

  /** Whether {@link #threadOf} could find a case for this message (else it asks nothing). */
  private static boolean mayThread(InboundMessage m, CustomerId customer) {
    return !m.parentIds().isEmpty()
        || (m.threadId() != null && !m.threadId().isBlank())
        || (m.subject() != null && customer != null);
  }

  private static Contact contactOf(InboundMessage m) {
    return new Contact(
        m.author().network(),
        m.author().externalId(),
        m.author().handle(),
        m.author().displayName(),
        m.author().email(),
        m.author().profileUrl(),
        m.author().bio(),
        m.author().followers() == null ? null : m.author().followers().longValue(),
        m.sentAt() == null ? Instant.now() : m.sentAt(),
        null,
        null,
        null,
        // Order numbers mentioned in the message are clues for identity resolution.
        m.text());
  }

  static Priority priorityOf(Classification classification) {
    if (classification.priority() != null) {
      try {
        return Priority.valueOf(classification.priority());
      } catch (IllegalArgumentException e) {
        // an unknown name falls back to the default
      }
    }
    return Priority.NORMAL;
  }

  private Optional<SupportCase> threadOf(
      InboundMessageReceived event, InboundMessage m, CustomerId customer) {
    List<String> ids = new ArrayList<>(m.parentIds());
    if (m.threadId() != null && !m.threadId().isBlank()) {
      ids.add(m.threadId());
    }
    if (!ids.isEmpty()) {
      Optional<SupportCase> answered =
          messages.findByExternalIdIn(ids).stream()
              .sorted(Comparator.comparing(Message::getCreatedAt).reversed())
              .map(msg -> cases.findById(msg.getCaseId()))
              .flatMap(Optional::stream)
              .filter(c -> c.getBrandId().equals(event.brand().value()))
              .map(this::followMerge)
              .findFirst();
      if (answered.isPresent()) {
        return answered;
      }
    }
    if (!m.publicPost() && m.threadId() != null && !m.threadId().isBlank()) {
      // A private conversation (a direct message) continues the case it is already on.
      Optional<SupportCase> conversation =
          messages.findTop5ByThreadIdOrderByIdDesc(m.threadId()).stream()
              .map(msg -> cases.findById(msg.getCaseId()))
              .flatMap(Optional::stream)
              .filter(c -> c.getBrandId().equals(event.brand().value()))
              .filter(c -> Objects.equals(c.getChannelAccountId(), event.account().value()))
              .map(this::followMerge)
              .findFirst();
      if (conversation.isPresent()) {
        return conversation;
      }
    }
    if (m.subject() != null && customer != null) {
      Matcher token = REFERENCE.matcher(m.subject());
      while (token.find()) {
        Optional<SupportCase> named =
            cases
                .findByReference(token.group(1))
                .filter(c -> c.getBrandId().equals(event.brand().value()))
                .filter(c -> Objects.equals(c.getCustomerId(), customer.value()))
                .map(this::followMerge);
        if (named.isPresent()) {
          return named;
        }
      }
    }
    return Optional.empty();
  }

  /** A merged case lives on in the case it was merged into. */
  private SupportCase followMerge(SupportCase aCase) {
    SupportCase current = aCase;
    for (int hops = 0; hops < 5 && current.getMergedIntoId() != null; hops++) {
      current = cases.findById(current.getMergedIntoId()).orElse(current);
    }
    return current;
  }
}
