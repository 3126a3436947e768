package io.parley.channels.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One message received on an account, kept whatever became of it. Unique per account and external
 * id: the guard that makes ingest idempotent under redelivery and concurrent pollers.
 */
@Entity
@Table(name = "channels_inbound")
class InboundRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channels_inbound_seq")
  @SequenceGenerator(name = "channels_inbound_seq", allocationSize = 50)
  private Long id;

  private Long accountId;
  private String externalId;
  private Instant receivedAt;
  private Instant sentAt;
  private String author;
  private String subject;
  private String status;
  private String reason;
  private String payload;

  protected InboundRecord() {}

  static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  Long getId() {
    return id;
  }

  String getStatus() {
    return status;
  }

  String getReason() {
    return reason;
  }

  String getExternalId() {
    return externalId;
  }

  String getAuthor() {
    return author;
  }

  String getSubject() {
    return subject;
  }

  Instant getReceivedAt() {
    return receivedAt;
  }
}
