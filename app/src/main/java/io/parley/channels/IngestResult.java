package io.parley.channels;

/**
 * What became of an inbound message: accepted (stored, handed on), a duplicate of one stored
 * before, filtered (stored, but an auto-reply, bounce, loop, blocked sender or spam), or ignored: a
 * post found by listening (not addressed to the brand) that no rule matched, which is not stored
 * (inbound id 0); a stream carries many of those, and the rule preview keeps the latest in memory.
 */
public record IngestResult(Outcome outcome, long inboundId, String reason) {

  /** The outcomes of ingesting one message. */
  public enum Outcome {
    ACCEPTED,
    DUPLICATE,
    FILTERED,
    IGNORED,
    FAILED
  }
}
