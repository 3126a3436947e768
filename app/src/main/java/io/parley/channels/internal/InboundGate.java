package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelRejected;
import io.parley.channels.InboundMessage;
import io.parley.channels.IngestResult;
import org.springframework.stereotype.Component;

/** Finds the account of a pushed message and runs it through the pipeline. */
@Component
public class InboundGate {

  private final ChannelAccountRepository accounts;
  private final ConnectorRegistry registry;
  private final InboundPipeline pipeline;

  InboundGate(
      ChannelAccountRepository accounts, ConnectorRegistry registry, InboundPipeline pipeline) {
    this.accounts = accounts;
    this.registry = registry;
    this.pipeline = pipeline;
  }

  public IngestResult receive(ChannelAccountId id, InboundMessage message) {
    ChannelAccount account =
        accounts
            .findById(id.value())
            .filter(ChannelAccount::isActive)
            .orElseThrow(() -> new ChannelRejected("channel.account.unknown"));
    return pipeline.ingest(registry.connectorAccount(account), message);
  }

  public java.util.List<IngestResult> receiveAll(
      ChannelAccountId id, java.util.List<InboundMessage> messages) {
    ChannelAccount account =
        accounts
            .findById(id.value())
            .filter(ChannelAccount::isActive)
            .orElseThrow(() -> new ChannelRejected("channel.account.unknown"));
    return pipeline.ingestAll(
        registry.connectorAccount(account), messages, InboundPipeline.pushedMediaUntil());
  }
}
