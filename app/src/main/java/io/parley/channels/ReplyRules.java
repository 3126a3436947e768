package io.parley.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an account allows a reply to be: public and/or private, how long each may be ({@link
 * TextLimit}) and for how long after the customer's last message each is allowed (null: always).
 * The composer shows it; {@link #check} is what the server enforces when an agent sends.
 */
public record ReplyRules(
    boolean publicReply,
    boolean privateMessage,
    TextLimit publicLimit,
    TextLimit privateLimit,
    Duration publicWindow,
    Duration privateWindow) {

  /** A channel with no rules of its own (a case with no channel, email, phone). */
  public static final ReplyRules UNRESTRICTED =
      new ReplyRules(true, false, TextLimit.NONE, TextLimit.NONE, null, null);

  public static ReplyRules of(ChannelConnectorFactory factory) {
    var caps = factory.capabilities();
    return new ReplyRules(
        caps.contains(Capability.PUBLIC_REPLY),
        caps.contains(Capability.PRIVATE_MESSAGE),
        factory.textLimit(true),
        factory.textLimit(false),
        factory.replyWindow(true).orElse(null),
        factory.replyWindow(false).orElse(null));
  }

  public TextLimit limit(boolean publicReply) {
    return publicReply ? publicLimit : privateLimit;
  }

  /** When a reply of this kind stops being allowed; empty when it has no window. */
  public Optional<Instant> windowClosesAt(boolean publicReply, Instant lastCustomerMessageAt) {
    Duration window = publicReply ? publicWindow : privateWindow;
    if (window == null || lastCustomerMessageAt == null) {
      return Optional.empty();
    }
    return Optional.of(lastCustomerMessageAt.plus(window));
  }

  /** The kind of answer the composer starts with: public where offered, else private. */
  public boolean publicByDefault() {
    return publicReply || !privateMessage;
  }

  /** Whether the account offers this kind of answer at all. */
  public boolean offers(boolean publicReply) {
    return publicReply ? this.publicReply : privateMessage;
  }

  /**
   * Why this reply may not be sent (a message key with its arguments), or empty when it may. Too
   * long replies are refused, never cut.
   */
  public Optional<ChannelRejected.Problem> check(
      boolean publicReply, String text, Instant lastCustomerMessageAt, Instant now) {
    if (!offers(publicReply) && (this.publicReply || privateMessage)) {
      return Optional.of(
          new ChannelRejected.Problem(
              publicReply ? "reply.public.unsupported" : "reply.private.unsupported"));
    }
    TextLimit limit = limit(publicReply);
    int length = limit.length(text);
    if (limit.limited() && length > limit.max()) {
      return Optional.of(new ChannelRejected.Problem("reply.tooLong", length, limit.max()));
    }
    Optional<Instant> closes = windowClosesAt(publicReply, lastCustomerMessageAt);
    if (closes.isPresent() && !now.isBefore(closes.get())) {
      return Optional.of(
          new ChannelRejected.Problem(
              publicReply ? "reply.window.closed.public" : "reply.window.closed.private"));
    }
    return Optional.empty();
  }
}
