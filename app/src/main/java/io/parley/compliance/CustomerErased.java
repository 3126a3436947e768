package io.parley.compliance;

import io.parley.customers.CustomerId;
import io.parley.customers.ErasedIdentifiers.NetworkId;
import java.util.List;

/**
 * A customer was erased. Published inside the erasure's transaction, so that a module keeping their
 * words or identifiers of its own overwrites them there: {@code networkIds} are their social
 * identities with the network each id belongs to (a numeric id alone may be someone else's on
 * another network), {@code inboundIds} the channel records of their messages.
 */
public record CustomerErased(
    CustomerId customer, List<NetworkId> networkIds, List<Long> inboundIds) {}
