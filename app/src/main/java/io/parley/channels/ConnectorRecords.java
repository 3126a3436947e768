package io.parley.channels;

import java.util.Collection;

/**
 * What a connector keeps of conversations besides the case and the channel records (the web chat's
 * transcripts, the visitor's copy of the chat). A customer's erasure overwrites it through {@link
 * ChannelRecords#erase}, in the erasure's transaction.
 */
public interface ConnectorRecords {

  /**
   * Overwrites what is kept of conversations with {@code chatAddresses} on {@code accounts} and no
   * other account, with the customer's own {@code identifiers} on any account where the connector
   * takes them to name the sender, or holding the messages {@code externalIds}. Returns the rows
   * changed.
   */
  int erase(
      Collection<ChannelAccountId> accounts,
      Collection<String> chatAddresses,
      Collection<String> identifiers,
      Collection<String> externalIds);
}
