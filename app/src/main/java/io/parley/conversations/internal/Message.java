package io.parley.conversations.internal;

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

/** Something said on a case. Never deleted. */
@Entity
@Table(name = "conversations_message")
public class Message {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_message_seq")
  @SequenceGenerator(name = "conversations_message_seq", allocationSize = 50)
  private Long id;

  private Long caseId;

  @Enumerated(EnumType.STRING)
  private MessageKind kind;

  private Long authorCustomerId;
  private Long authorUserId;
  private String body;
  private Instant createdAt;

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
  }

  public MessageView view() {
    return new MessageView(
        id,
        kind,
        authorCustomerId == null ? null : new CustomerId(authorCustomerId),
        authorUserId == null ? null : new UserId(authorUserId),
        body,
        createdAt);
  }
}
