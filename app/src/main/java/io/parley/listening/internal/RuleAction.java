package io.parley.listening.internal;

/** What a matching rule does beyond recording the mention. */
enum RuleAction {
  /** Only the mentions stream and share of voice. */
  WATCH,
  /** A post not addressed to the brand becomes a case in the rule's queue. */
  OPEN_CASE
}
