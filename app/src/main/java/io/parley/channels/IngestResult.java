package io.parley.channels;

/**
 * What became of an inbound message: accepted (stored, handed on), a duplicate of one stored
 * before, or filtered (stored, but an auto-reply, bounce, loop, blocked sender or spam).
 */
public record IngestResult(Outcome outcome, long inboundId, String reason) {

  /** The outcomes of ingesting one message. */
  public enum Outcome {
    ACCEPTED,
    DUPLICATE,
    FILTERED,
    FAILED
  }
}
