package io.parley.channels.internal;

import io.parley.channels.ConnectorAccount;
import io.parley.channels.InboundMessage;
import java.util.Optional;

/**
 * One step of the inbound filter chain, run in {@link org.springframework.core.annotation.Order}
 * before a message may open or join a case. Returns the reason to hold the message back, if any.
 */
interface InboundFilter {

  Optional<String> reject(ConnectorAccount account, InboundMessage message);
}
