package io.parley.listening.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentAnalyzerTests {

  private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

  @Test
  void blankTextIsNeutral() {
    assertThat(analyzer.analyze("  ", null)).isEqualTo(SentimentResult.NEUTRAL);
    assertThat(analyzer.analyze(null, "en")).isEqualTo(SentimentResult.NEUTRAL);
  }

  @Test
  void praiseIsPositiveAndComplaintNegative() {
    assertThat(analyzer.analyze("Great phone, love it", null).polarity())
        .isEqualTo(Polarity.POSITIVE);
    assertThat(analyzer.analyze("Screen is broken, I want a refund", null).polarity())
        .isEqualTo(Polarity.NEGATIVE);
    assertThat(analyzer.analyze("耳机无法连接，太慢了，垃圾", null).polarity()).isEqualTo(Polarity.NEGATIVE);
    assertThat(analyzer.analyze("非常满意，好评", null).polarity()).isEqualTo(Polarity.POSITIVE);
  }

  @Test
  void scoreStaysWithinBounds() {
    SentimentResult result =
        analyzer.analyze("good great love thanks excellent happy awesome", "en");
    assertThat(result.score()).isBetween(-1.0, 1.0);
  }
}
