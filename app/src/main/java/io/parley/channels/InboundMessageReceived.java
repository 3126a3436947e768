package io.parley.channels;

import io.parley.identity.BrandId;

/**
 * A customer's message passed the inbound filters and was stored once (per account and external
 * id). Published inside the storing transaction: a listener that threads it into a case commits or
 * fails together with the record, so a crash never loses or doubles it. {@code confirmReceipt} says
 * the account wants the customer told by email when the message opens a case. {@code
 * classification} is what the {@link InboundClassifier} made of it (rules matched, tags, queue).
 */
public record InboundMessageReceived(
    long inboundId,
    ChannelAccountId account,
    BrandId brand,
    String channelType,
    InboundMessage message,
    boolean confirmReceipt,
    Classification classification) {

  public InboundMessageReceived {
    classification = classification == null ? Classification.NONE : classification;
  }

  public InboundMessageReceived(
      long inboundId,
      ChannelAccountId account,
      BrandId brand,
      String channelType,
      InboundMessage message,
      boolean confirmReceipt) {
    this(inboundId, account, brand, channelType, message, confirmReceipt, Classification.NONE);
  }

  public InboundMessageReceived(
      long inboundId,
      ChannelAccountId account,
      BrandId brand,
      String channelType,
      InboundMessage message) {
    this(inboundId, account, brand, channelType, message, false);
  }
}
