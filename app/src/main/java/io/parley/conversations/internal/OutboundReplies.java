package io.parley.conversations.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.OutboundMessage;
import io.parley.channels.OutboundMessage.OutboundAttachment;
import io.parley.channels.Outbox;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.identity.BrandId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Queues a reply for the channel its case came from, in the transaction that stores it: to the
 * address the customer last wrote from (else their first email address), threaded as an answer to
 * their last message and carrying the case reference in the subject.
 */
@Component
class OutboundReplies {

  private final MessageRepository messages;
  private final AttachmentRepository attachments;
  private final Customers customers;
  private final Outbox outbox;
  private final MessageRevisions revisions;

  OutboundReplies(
      MessageRevisions revisions,
      MessageRepository messages,
      AttachmentRepository attachments,
      Customers customers,
      Outbox outbox) {
    this.messages = messages;
    this.attachments = attachments;
    this.customers = customers;
    this.outbox = outbox;
    this.revisions = revisions;
  }

  void dispatch(SupportCase aCase, Message reply) {
    List<Message> thread = messages.findByCaseIdOrderByCreatedAtAscIdAsc(aCase.getId());
    Message lastInbound = null;
    List<String> references = new ArrayList<>();
    for (Message m : thread) {
      if (m.getExternalId() != null && !m.getId().equals(reply.getId())) {
        references.add(m.getExternalId());
      }
      if (m.getKind() == io.parley.conversations.MessageKind.INBOUND
          && m.getAuthorAddress() != null) {
        lastInbound = m;
      }
    }
    String recipient = lastInbound == null ? null : lastInbound.getAuthorAddress();
    String recipientName = null;
    String recipientHandle = null;
    if (aCase.getCustomerId() != null) {
      var profile = customers.profile(new CustomerId(aCase.getCustomerId()));
      if (profile.isPresent()) {
        recipientName = profile.get().displayName();
        String to = recipient;
        recipientHandle =
            profile.get().socialIdentities().stream()
                .filter(i -> !"email".equals(i.network()) && i.externalId().equals(to))
                .map(io.parley.customers.SocialIdentityData::handle)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (recipient == null && !profile.get().emails().isEmpty()) {
          recipient = profile.get().emails().get(0);
        }
      }
    }
    if (references.size() > 10) {
      references = references.subList(references.size() - 10, references.size());
    }
    List<OutboundAttachment> files =
        attachments.findByMessageIdIn(List.of(reply.getId())).stream()
            .filter(a -> !a.isErased())
            .map(
                a ->
                    new OutboundAttachment(
                        a.getFilename(), a.getContentType(), "attachment:" + a.getId()))
            .toList();
    OutboundMessage message =
        new OutboundMessage(
            "parley-" + UUID.randomUUID(),
            recipient,
            recipientName,
            subjectOf(aCase),
            reply.getBody(),
            htmlOf(reply.getBody()),
            lastInbound == null ? null : lastInbound.getExternalId(),
            references,
            aCase.getReference(),
            reply.getPublicReply() == null || reply.getPublicReply(),
            files,
            recipientHandle);
    Outbox.Queued queued =
        outbox.enqueue(
            aCase.getChannelAccountId() == null
                ? null
                : new ChannelAccountId(aCase.getChannelAccountId()),
            new BrandId(aCase.getBrandId()),
            "message:" + reply.getId(),
            message);
    reply.delivery(queued.state().name(), null, queued.reason());
    if (queued.sentText() != null && !queued.sentText().equals(reply.getBody())) {
      // A gate replaced words: the message shows what the customer gets; the draft is a version.
      revisions.revise(reply.getId(), null, queued.sentText(), queued.reason());
    }
  }

  static String subjectOf(SupportCase aCase) {
    String subject = aCase.getSubject() == null ? "" : aCase.getSubject().strip();
    String token = "[" + aCase.getReference() + "]";
    if (!subject.regionMatches(true, 0, "Re:", 0, 3)) {
      subject = "Re: " + subject;
    }
    return subject.contains(token) ? subject : subject + " " + token;
  }

  static String htmlOf(String text) {
    StringBuilder html = new StringBuilder("<div>");
    for (String paragraph : text.strip().split("\\R\\s*\\R")) {
      html.append("<p>")
          .append(HtmlUtils.htmlEscape(paragraph).replaceAll("\\R", "<br>"))
          .append("</p>");
    }
    return html.append("</div>").toString();
  }
}
