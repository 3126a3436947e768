package io.parley.listening.sentiment;

/**
 * The sentiment of one text: its polarity and a score in [-1, 1] (negative to positive, 0 neutral).
 */
public record SentimentResult(Polarity polarity, double score) {

  public static final SentimentResult NEUTRAL = new SentimentResult(Polarity.NEUTRAL, 0.0);

  public SentimentResult {
    if (polarity == null) {
      throw new IllegalArgumentException("polarity is required");
    }
    if (Double.isNaN(score) || score < -1.0 || score > 1.0) {
      throw new IllegalArgumentException("score must be in [-1, 1]: " + score);
    }
  }
}
