package io.parley.compliance;

import io.parley.customers.CustomerId;
import java.util.List;

/**
 * A customer was erased. Published inside the erasure's transaction, so that a module keeping their
 * words or identifiers of its own overwrites them there: {@code identifiers} are what identified
 * them (addresses, network ids, handles), {@code inboundIds} the channel records of their messages.
 */
public record CustomerErased(
    CustomerId customer, List<String> identifiers, List<Long> inboundIds) {}
