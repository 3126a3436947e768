package io.parley.customers;

import java.util.List;

/**
 * What identified an erased customer before the erasure: {@code all} their email addresses, phone
 * numbers, network ids and handles (to erase other modules' records by), and {@code networkIds}
 * their social identities as the network and its id together, for records that name the network.
 */
public record ErasedIdentifiers(List<String> all, List<NetworkId> networkIds) {

  /** One social identity: the connector type (e.g. "weibo") and the network's user id. */
  public record NetworkId(String network, String externalId) {}

  public ErasedIdentifiers {
    all = List.copyOf(all);
    networkIds = List.copyOf(networkIds);
  }
}
