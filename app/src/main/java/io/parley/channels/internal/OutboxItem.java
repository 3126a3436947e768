package io.parley.channels.internal;

import io.parley.channels.DeliveryState;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reply waiting to go out, written in the same transaction as the reply itself. Claimed with a
 * lease by one sender at a time; its idempotency key is the same on every attempt.
 */
@Entity
@Table(name = "channels_outbox")
class OutboxItem {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channels_outbox_seq")
  @SequenceGenerator(name = "channels_outbox_seq", allocationSize = 50)
  private Long id;

  private Long accountId;
  private String idempotencyKey;
  private String sourceRef;

  @Enumerated(EnumType.STRING)
  private DeliveryState status;

  private String payload;
  private int attempts;
  private Instant nextAttemptAt;
  private Instant leaseUntil;
  private String externalId;
  private String lastError;
  private Instant createdAt;
  private Instant sentAt;

  protected OutboxItem() {}

  OutboxItem(
      Long accountId,
      String idempotencyKey,
      String sourceRef,
      String payload,
      DeliveryState status,
      String error) {
    this.accountId = accountId;
    this.idempotencyKey = idempotencyKey;
    this.sourceRef = sourceRef;
    this.payload = payload;
    this.status = status;
    this.lastError = error;
    this.createdAt = Instant.now();
    this.nextAttemptAt = createdAt;
  }

  void sent(String externalId, Instant at) {
    this.status = DeliveryState.SENT;
    this.externalId = externalId;
    this.sentAt = at;
    this.leaseUntil = null;
    this.lastError = null;
  }

  void retryAt(Instant when, String error) {
    this.status = DeliveryState.RETRYING;
    this.nextAttemptAt = when;
    this.leaseUntil = null;
    this.lastError = InboundRecord.cut(error, 1000);
  }

  /**
   * The network asked to wait (a rate limit): not the message's fault, so the attempt is given back
   * and the entry waits until {@code when}.
   */
  void deferred(Instant when, String error) {
    retryAt(when, error);
    this.attempts = Math.max(0, attempts - 1);
  }

  void failed(String error) {
    this.status = DeliveryState.FAILED;
    this.leaseUntil = null;
    this.lastError = InboundRecord.cut(error, 1000);
  }

  /** Hands the entry to another account (the brand's email) to be sent from scratch. */
  void reroute(Long account, Instant now, String reason) {
    this.accountId = account;
    this.status = DeliveryState.QUEUED;
    this.attempts = 0;
    this.nextAttemptAt = now;
    this.leaseUntil = null;
    this.lastError = InboundRecord.cut(reason, 1000);
  }

  void bounced(String error) {
    this.status = DeliveryState.BOUNCED;
    this.lastError = InboundRecord.cut(error, 1000);
  }

  Long getId() {
    return id;
  }

  Long getAccountId() {
    return accountId;
  }

  String getIdempotencyKey() {
    return idempotencyKey;
  }

  String getSourceRef() {
    return sourceRef;
  }

  DeliveryState getStatus() {
    return status;
  }

  String getPayload() {
    return payload;
  }

  int getAttempts() {
    return attempts;
  }

  String getExternalId() {
    return externalId;
  }

  String getLastError() {
    return lastError;
  }
}
