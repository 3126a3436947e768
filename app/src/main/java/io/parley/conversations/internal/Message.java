package io.parley.conversations.internal;

import io.parley.conversations.CaseId;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageView;
import io.parley.customers.CustomerId;
import io.parley.identity.UserId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.search.mapper.pojo.bridge.RoutingBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.RoutingBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.annotation.RoutingBinderRef;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.RoutingBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.RoutingBridgeRouteContext;
import org.hibernate.search.mapper.pojo.route.DocumentRoutes;

/** Something said on a case. Never deleted; a split copies it to the new case and notes where. */
@Entity
@Table(name = "conversations_message")
@org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed(
    index = "messages",
    routingBinder = @RoutingBinderRef(type = Message.SearchableUnlessHidden.class))
public class Message {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_message_seq")
  @SequenceGenerator(name = "conversations_message_seq", allocationSize = 50)
  private Long id;

  @org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField(
      projectable = org.hibernate.search.engine.backend.types.Projectable.YES)
  private Long caseId;

  @Enumerated(EnumType.STRING)
  private MessageKind kind;

  private Long authorCustomerId;
  private Long authorUserId;

  @org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField(
      analyzer = SearchAnalysis.TEXT)
  private String body;

  private Instant createdAt;
  private String deliveryStatus;
  private Long movedToCaseId;
  private String bodyHtml;
  private String externalId;
  private String authorAddress;
  private String deliveryError;
  private Long inboundId;
  private String threadId;
  private Boolean publicReply;
  private int revision = 1;
  private Instant hiddenAt;
  private Long hiddenBy;
  private String hiddenReason;

  protected Message() {}

  Message(
      Long caseId,
      MessageKind kind,
      Long authorCustomerId,
      Long authorUserId,
      String body,
      Instant createdAt) {
    this.caseId = caseId;
    this.kind = kind;
    this.authorCustomerId = authorCustomerId;
    this.authorUserId = authorUserId;
    this.body = body;
    this.createdAt = createdAt;
    // Replies wait in the outbox until the channel's connector has sent them.
    this.deliveryStatus = kind == MessageKind.OUTBOUND ? "QUEUED" : null;
  }

  /** Keeps the sanitized HTML of a message that arrived as HTML; the body holds its text. */
  void withHtml(String sanitizedHtml) {
    this.bodyHtml = sanitizedHtml;
  }

  /** Where the message came from on its network: what threads later messages to it. */
  void receivedAs(String externalId, String authorAddress, Long inboundId) {
    this.externalId = externalId;
    this.authorAddress = authorAddress;
    this.inboundId = inboundId;
  }

  /** A captured case's first message learns its author's customer (it keeps one it has). */
  void authoredBy(Long customer) {
    if (authorCustomerId == null) {
      authorCustomerId = customer;
    }
  }

  /** The private conversation on the network this message belongs to. */
  void inThread(String threadId) {
    this.threadId = threadId == null || threadId.length() <= 1000 ? threadId : null;
  }

  /** Whether a reply goes out publicly (a post) or privately (a direct message). */
  void answeredPublicly(boolean publicly) {
    this.publicReply = publicly;
  }

  public String getThreadId() {
    return threadId;
  }

  /** Null for customer messages and notes, and for replies written before the choice existed. */
  public Boolean getPublicReply() {
    return publicReply;
  }

  /** The reply's progress through the outbox; once sent, its network id threads answers. */
  void delivery(String status, String externalId, String error) {
    this.deliveryStatus = status;
    if (externalId != null) {
      this.externalId = externalId;
    }
    this.deliveryError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
  }

  /** A corrected text; the caller keeps the earlier one as a version. */
  void revised(String body) {
    this.body = body;
    this.revision++;
    if (this.bodyHtml != null) {
      this.bodyHtml = null;
    }
  }

  public boolean isHidden() {
    return hiddenReason != null;
  }

  void hide(Long by, String reason, Instant at) {
    this.hiddenAt = at;
    this.hiddenBy = by;
    this.hiddenReason = reason;
  }

  /** Hides {@code copy} (of this message, on another case) as this one is, if it is. */
  void hiddenOn(Message copy) {
    if (isHidden()) {
      copy.hide(hiddenBy, hiddenReason, hiddenAt);
    }
  }

  /** Erasure on the customer's request: their words and address are overwritten. */
  void erase(String placeholder) {
    this.body = placeholder;
    this.bodyHtml = null;
    this.authorAddress = null;
  }

  public int getRevision() {
    return revision;
  }

  public String getExternalId() {
    return externalId;
  }

  public String getAuthorAddress() {
    return authorAddress;
  }

  public String getDeliveryStatus() {
    return deliveryStatus;
  }

  public String getDeliveryError() {
    return deliveryError;
  }

  public Long getAuthorUserId() {
    return authorUserId;
  }

  void movedTo(Long caseId) {
    this.movedToCaseId = caseId;
  }

  /** The channel's inbound record this message came from, if it came through a channel. */
  public Long getInboundId() {
    return inboundId;
  }

  public Long getId() {
    return id;
  }

  public Long getCaseId() {
    return caseId;
  }

  public MessageKind getKind() {
    return kind;
  }

  public Long getAuthorCustomerId() {
    return authorCustomerId;
  }

  public String getBody() {
    return body;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public MessageView view() {
    return new MessageView(
        id,
        kind,
        authorCustomerId == null ? null : new CustomerId(authorCustomerId),
        authorUserId == null ? null : new UserId(authorUserId),
        body,
        createdAt,
        deliveryStatus,
        movedToCaseId == null ? null : new CaseId(movedToCaseId),
        bodyHtml,
        deliveryError,
        revision,
        hiddenReason,
        hiddenBy == null ? null : new UserId(hiddenBy));
  }

  /**
   * A hidden message leaves the search index (hiding it reindexes it, the previous route deletes
   * its document): its words must not find its case, although its text stays readable on the case.
   */
  public static class SearchableUnlessHidden implements RoutingBinder {

    @Override
    public void bind(RoutingBindingContext context) {
      context.dependencies().use("hiddenReason");
      context.bridge(Message.class, new Bridge());
    }

    private static class Bridge implements RoutingBridge<Message> {

      @Override
      public void route(
          DocumentRoutes routes,
          Object entityIdentifier,
          Message message,
          RoutingBridgeRouteContext context) {
        if (message.isHidden()) {
          routes.notIndexed();
        } else {
          routes.addRoute();
        }
      }

      @Override
      public void previousRoutes(
          DocumentRoutes routes,
          Object entityIdentifier,
          Message message,
          RoutingBridgeRouteContext context) {
        // Its document can only be in the one default route: once the message is hidden (route()
        // says not indexed), Hibernate Search deletes it from there.
        routes.addRoute();
      }
    }
  }
}
