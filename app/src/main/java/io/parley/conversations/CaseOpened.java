package io.parley.conversations;

import io.parley.customers.CustomerId;
import io.parley.identity.BrandId;
import java.time.Instant;

/**
 * A new case exists (committed with its first message). It carries what listeners in the opening's
 * transaction need (the audit trail, SLA clocks), so they need not read the case back: its customer
 * (null: none), priority, subject and first message's text (null: none), and when it opened: a
 * captured case ({@code channels.CaseCapture}) is announced when it is completed, after it opened.
 */
public record CaseOpened(
    CaseId id,
    String reference,
    BrandId brand,
    String channelType,
    CustomerId customer,
    Priority priority,
    String subject,
    String firstMessage,
    Long queueId,
    Instant openedAt) {

  /** A case opened now. */
  public CaseOpened(
      CaseId id,
      String reference,
      BrandId brand,
      String channelType,
      CustomerId customer,
      Priority priority,
      String subject,
      String firstMessage,
      Long queueId) {
    this(
        id,
        reference,
        brand,
        channelType,
        customer,
        priority,
        subject,
        firstMessage,
        queueId,
        null);
  }
}
