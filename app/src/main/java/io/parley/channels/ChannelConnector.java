package io.parley.channels;

import java.util.function.Consumer;

/**
 * One connected account's link to its network. Connectors only translate: they return {@link
 * InboundMessage}s and send {@link OutboundMessage}s, and never touch cases or customers. Only the
 * methods of the factory's declared {@link Capability capabilities} are called.
 */
public interface ChannelConnector extends AutoCloseable {

  /** New messages after {@code cursor} (null at first); throws {@link ConnectorException}. */
  default PollResult poll(String cursor) {
    throw new UnsupportedOperationException("poll");
  }

  /** Verifies a request from the network (its signature) and reads the messages in it. */
  default WebhookResponse handleWebhook(WebhookRequest request) {
    throw new UnsupportedOperationException("webhook");
  }

  /** Keeps a live connection, handing each message to {@code sink}, until closed. */
  default void stream(Consumer<InboundMessage> sink) {
    throw new UnsupportedOperationException("stream");
  }

  /**
   * Blocks until the network signals new activity (e.g. IMAP IDLE) or {@code max} passes, so a
   * polled account is polled at once instead of at its next interval. Connectors that cannot watch
   * answer {@link Activity#UNSUPPORTED} at once and are only polled.
   */
  default Activity awaitActivity(java.time.Duration max) {
    return Activity.UNSUPPORTED;
  }

  /** What {@link #awaitActivity} saw. */
  enum Activity {
    NEW,
    QUIET,
    UNSUPPORTED
  }

  /**
   * Fetches one message by its network id, to thread a reply whose parent Parley never saw (a
   * mention answering an older post). Empty when the network cannot, the message is gone, or it is
   * the account's own post (never ingested as a customer's); throws {@link ConnectorException} for
   * a network failure (a rate limit with its wait).
   */
  default java.util.Optional<InboundMessage> fetch(String externalId) {
    return java.util.Optional.empty();
  }

  /**
   * The posts with the files they carry by reference ({@link InboundMessage#media()}) fetched as
   * the connector fetches its own posts' files, within one budget that lasts at most {@code
   * within}: attached, and each that could not be fetched (in time) named in the text with its link
   * and why. Asked, outside any transaction, only for listened posts that become cases; never
   * throws. Results in the order given. By default (a connector that cannot fetch them) each file
   * is named with its link.
   */
  default java.util.List<InboundMessage> fetchMedia(
      java.util.List<InboundMessage> posts, java.time.Duration within) {
    return posts.stream().map(p -> p.withMediaNamed("this channel does not fetch files")).toList();
  }

  /** Sends one reply; never throws for a network failure, it says so in the result. */
  DeliveryResult send(OutboundMessage message);

  @Override
  default void close() {}
}
