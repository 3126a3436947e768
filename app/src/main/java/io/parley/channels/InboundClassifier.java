package io.parley.channels;

import io.parley.identity.BrandId;

/**
 * Classifies each inbound message that passed the filters, before it is stored and announced (the
 * listening module implements it with its keyword rules). Called on the ingesting thread outside
 * the storing transaction, so it must be fast and must not write; its result travels on {@link
 * InboundMessageReceived}. A failing classifier never loses a message: it counts as {@link
 * Classification#NONE}.
 */
public interface InboundClassifier {

  Classification classify(
      ChannelAccountId account, BrandId brand, String channelType, InboundMessage message);
}
