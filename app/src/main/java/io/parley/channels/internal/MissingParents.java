package io.parley.channels.internal;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.InboundMessage;
import io.parley.channels.IngestResult;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Before a reply from a network thread is ingested, brings in the post it answers when Parley never
 * saw it (the connector fetches it), so both land on one case. Up to {@value #MAX_DEPTH} levels; a
 * failed fetch only costs the threading, never the message.
 */
@Component
class MissingParents {

  private static final Logger log = LoggerFactory.getLogger(MissingParents.class);
  static final int MAX_DEPTH = 3;
  static final int BATCH = 100;

  private final InboundPipeline pipeline;
  private final InboundRecordRepository records;
  private final OutboxRepository outbox;

  MissingParents(
      InboundPipeline pipeline, InboundRecordRepository records, OutboxRepository outbox) {
    this.pipeline = pipeline;
    this.records = records;
    this.outbox = outbox;
  }

  IngestResult ingestWithParents(
      ChannelConnector connector, ConnectorAccount account, InboundMessage message) {
    fetchParent(connector, account, message, 1);
    return pipeline.ingest(account, message);
  }

  /**
   * A page of messages: their missing parents first (each alone, as they come), then the page in
   * batches of {@value #BATCH}, each in one transaction; the files of the listened posts they make
   * cases fetched by {@code mediaUntil}, all batches together.
   */
  void ingestAllWithParents(
      ChannelConnector connector,
      ConnectorAccount account,
      List<InboundMessage> messages,
      java.time.Instant mediaUntil) {
    // A parent on the same page goes first (pages often list the newest first) and is not fetched.
    java.util.Map<String, InboundMessage> byId = new java.util.LinkedHashMap<>();
    messages.forEach(m -> byId.putIfAbsent(m.externalId(), m));
    List<InboundMessage> ordered = new java.util.ArrayList<>();
    java.util.Set<String> placed = new java.util.HashSet<>();
    for (InboundMessage message : messages) {
      place(message, byId, placed, ordered, 0);
    }
    for (InboundMessage message : ordered) {
      String parent = message.parentIds().isEmpty() ? null : message.parentIds().get(0);
      if (parent == null || !byId.containsKey(parent)) {
        fetchParent(connector, account, message, 1);
      }
    }
    for (int from = 0; from < ordered.size(); from += BATCH) {
      pipeline.ingestAll(
          account, ordered.subList(from, Math.min(ordered.size(), from + BATCH)), mediaUntil);
    }
  }

  private static void place(
      InboundMessage message,
      java.util.Map<String, InboundMessage> byId,
      java.util.Set<String> placed,
      List<InboundMessage> ordered,
      int depth) {
    if (placed.contains(message.externalId())) {
      return;
    }
    String parent = message.parentIds().isEmpty() ? null : message.parentIds().get(0);
    if (parent != null && depth < 50 && byId.containsKey(parent)) {
      place(byId.get(parent), byId, placed, ordered, depth + 1);
    }
    if (placed.add(message.externalId())) {
      ordered.add(message);
    }
  }

  private void fetchParent(
      ChannelConnector connector, ConnectorAccount account, InboundMessage message, int depth) {
    if (depth > MAX_DEPTH
        || message.parentIds().isEmpty()
        || !message.publicPost()
        || message.listened()) {
      // A listened post (a stranger's, most dropped unmatched) brings no parent: fetching it cost
      // API calls and its files on the stream's thread, and the parent became a case of its own.
      return;
    }
    String parent = message.parentIds().get(0);
    if (parent == null
        || parent.isBlank()
        || records.findByAccountIdAndExternalId(account.id().value(), parent).isPresent()
        || outbox.findByExternalId(parent).isPresent()) {
      return;
    }
    Optional<InboundMessage> fetched;
    try {
      fetched = connector.fetch(parent);
    } catch (ConnectorException | UnsupportedOperationException e) {
      log.info("Parent {} of {} on {} not fetched: {}", parent, message.externalId(), account, e);
      return;
    }
    if (fetched.isPresent() && parent.equals(fetched.get().externalId())) {
      fetchParent(connector, account, fetched.get(), depth + 1);
      pipeline.ingest(account, fetched.get());
    }
  }
}
