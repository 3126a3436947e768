package io.parley.channels;

import io.parley.identity.BrandId;

/**
 * Consulted on every outbound message, whatever its connector: when the outbox takes it and again
 * right before the connector sends it. A gate passes the message, replaces its text or subject,
 * holds it for a person's approval or blocks it. Implemented outside channels (compliance);
 * channels never depends on the implementation.
 */
public interface OutboundGate {

  /** Judges one message; must not have side effects beyond reading. */
  Verdict inspect(Inspection inspection);

  /**
   * A message on its way out. {@code approved} is true once a person released it after a hold: a
   * gate then only blocks or replaces, never holds it again.
   */
  record Inspection(
      BrandId brand,
      String channelType,
      String sourceRef,
      OutboundMessage message,
      boolean approved) {}

  /**
   * What to do. {@code text} and {@code subject} are the replacements for REPLACE (the message's
   * own where unchanged); {@code reason} says why.
   */
  record Verdict(Action action, String text, String subject, String reason) {

    public static Verdict pass() {
      return new Verdict(Action.PASS, null, null, null);
    }

    public static Verdict replace(String text, String subject, String reason) {
      return new Verdict(Action.REPLACE, text, subject, reason);
    }

    public static Verdict hold(String reason) {
      return new Verdict(Action.HOLD, null, null, reason);
    }

    public static Verdict block(String reason) {
      return new Verdict(Action.BLOCK, null, null, reason);
    }
  }

  enum Action {
    PASS,
    REPLACE,
    HOLD,
    BLOCK
  }
}
