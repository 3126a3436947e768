package io.parley.channels.internal;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.Classification;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.InboundClassifier;
import io.parley.channels.InboundMessage;
import io.parley.channels.InboundMessageReceived;
import io.parley.channels.IngestResult;
import io.parley.channels.IngestResult.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one inbound message from a connector: drops a redelivery, runs the filter chain, stores the
 * record and announces it, all in one transaction with whatever the listeners do (threading it into
 * a case). A crash before commit leaves nothing, so the next poll or redelivery brings it again;
 * after commit, a redelivery is recognised by the unique (account, external id).
 */
@Component
class InboundPipeline {

  private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);
  private static final int MAX_PAYLOAD = 900_000;

  private final List<InboundFilter> filters;
  private final InboundRecordRepository records;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final JsonMapper json;
  private final ReturnedReplies returnedReplies;
  private final ObjectProvider<InboundClassifier> classifiers;

  InboundPipeline(
      ReturnedReplies returnedReplies,
      ObjectProvider<InboundClassifier> classifiers,
      List<InboundFilter> filters,
      InboundRecordRepository records,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      JsonMapper json) {
    this.filters = filters;
    this.records = records;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.json = json;
    this.returnedReplies = returnedReplies;
    this.classifiers = classifiers;
  }

  IngestResult ingest(ConnectorAccount account, InboundMessage message) {
    if (message.externalId() == null || message.externalId().isBlank()) {
      throw new IllegalArgumentException("A connector gave a message without an external id");
    }
    String externalId = InboundRecord.cut(message.externalId(), 1000);
    Long accountId = account.id().value();
    Optional<InboundRecord> known = records.findByAccountIdAndExternalId(accountId, externalId);
    if (known.isPresent()) {
      return new IngestResult(Outcome.DUPLICATE, known.get().getId(), null);
    }
    Optional<String> held =
        filters.stream().map(f -> f.reject(account, message)).flatMap(Optional::stream).findFirst();
    Classification classification =
        held.isPresent() ? Classification.NONE : classify(account, message);
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        return transaction.execute(
            status -> {
              InboundRecord record =
                  records.saveAndFlush(
                      new InboundRecord(
                          accountId,
                          externalId,
                          message.sentAt(),
                          author(message),
                          message.subject(),
                          held.isPresent() ? "FILTERED" : "ACCEPTED",
                          held.orElse(null),
                          payload(message)));
              if (held.isPresent()) {
                if ("bounce".equals(held.get())) {
                  returnedReplies.returned(message.parentIds());
                }
                return new IngestResult(Outcome.FILTERED, record.getId(), held.get());
              }
              events.publishEvent(
                  new InboundMessageReceived(
                      record.getId(),
                      new ChannelAccountId(accountId),
                      account.brand(),
                      account.type(),
                      message,
                      account.confirmsReceipt(),
                      classification));
              return new IngestResult(Outcome.ACCEPTED, record.getId(), null);
            });
      } catch (DataIntegrityViolationException e) {
        // Another poller or a concurrent redelivery stored it first.
        Optional<InboundRecord> raced = records.findByAccountIdAndExternalId(accountId, externalId);
        if (raced.isPresent()) {
          return new IngestResult(Outcome.DUPLICATE, raced.get().getId(), null);
        }
        last = e;
      } catch (ConcurrencyFailureException e) {
        last = e; // a case changed under us: try the whole message again
      } catch (RuntimeException e) {
        last = e;
        break;
      }
    }
    // Kept with its content so nothing is lost; admins see it on the account's health.
    log.error("Inbound message {} on account {} could not be handled", externalId, accountId, last);
    RuntimeException cause = last;
    InboundRecord failed =
        transaction.execute(
            status ->
                records.save(
                    new InboundRecord(
                        accountId,
                        externalId,
                        message.sentAt(),
                        author(message),
                        message.subject(),
                        "FAILED",
                        cause == null ? "unknown" : cause.toString(),
                        payload(message))));
    return new IngestResult(Outcome.FAILED, failed.getId(), String.valueOf(cause));
  }

  /** The classifier's verdict; one that fails is logged and the message goes on unclassified. */
  private Classification classify(ConnectorAccount account, InboundMessage message) {
    InboundClassifier classifier = classifiers.getIfUnique();
    if (classifier == null) {
      return Classification.NONE;
    }
    try {
      Classification result =
          classifier.classify(account.id(), account.brand(), account.type(), message);
      return result == null ? Classification.NONE : result;
    } catch (RuntimeException e) {
      log.warn("Classifying inbound message {} failed", message.externalId(), e);
      return Classification.NONE;
    }
  }

  private static String author(InboundMessage message) {
    return message.author() == null ? null : message.author().replyAddress();
  }

  /** The message as received, without attachment bytes (they go to the case). */
  private String payload(InboundMessage message) {
    Map<String, Object> copy = new LinkedHashMap<>();
    copy.put("externalId", message.externalId());
    copy.put("threadId", message.threadId());
    copy.put("parentIds", message.parentIds());
    copy.put("author", message.author());
    copy.put("subject", message.subject());
    copy.put("text", message.text());
    copy.put("html", message.html());
    copy.put(
        "attachments",
        message.attachments().stream()
            .map(a -> Map.of("fileName", String.valueOf(a.fileName()), "size", a.size()))
            .toList());
    copy.put("publicPost", message.publicPost());
    copy.put("sentAt", message.sentAt() == null ? null : message.sentAt().toString());
    copy.put("signals", message.signals());
    copy.put("source", message.source().name());
    copy.put("language", message.language());
    copy.put("receivedAt", Instant.now().toString());
    String text = json.writeValueAsString(copy);
    return text.length() > MAX_PAYLOAD ? text.substring(0, MAX_PAYLOAD) : text;
  }
}
