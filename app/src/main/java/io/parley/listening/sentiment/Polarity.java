package io.parley.listening.sentiment;

/** The overall feeling of a post. */
public enum Polarity {
  POSITIVE,
  NEUTRAL,
  NEGATIVE
}
