package io.parley.listening.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Accuracy and macro-F1 on the labelled customer posts in {@code listening/sentiment/*.tsv}. The
 * floors apply to the held-out test split, which was never used for tuning; a regression in the
 * lexicons or the rules fails the build. Run with {@code -Dsentiment.errors=true} to print the
 * posts the dev split gets wrong, {@code -Dsentiment.sweep=true} to print dev figures for other
 * polarity thresholds. Never print or study the test split's errors: that would make it a dev set.
 */
class SentimentEvaluationTests {

  private static final SentimentAnalyzer analyzer = new SentimentAnalyzer();

  @Test
  void englishHeldOutPostsAreClassifiedWellEnough() throws IOException {
    Scores dev = evaluate("en", "dev");
    Scores test = evaluate("en", "test");
    print("English", dev, test);
    assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.70);
    assertThat(test.macroF1()).isGreaterThanOrEqualTo(0.65);
  }

  @Test
  void chineseHeldOutPostsAreClassifiedWellEnough() throws IOException {
    Scores dev = evaluate("zh", "dev");
    Scores test = evaluate("zh", "test");
    print("Chinese", dev, test);
    assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.70);
    assertThat(test.macroF1()).isGreaterThanOrEqualTo(0.65);
  }

  private static void print(String language, Scores dev, Scores test) {
    System.out.printf(
        Locale.ROOT,
        "Sentiment %s: dev (%d posts) accuracy %.3f macro-F1 %.3f%n"
            + "Sentiment %s: held-out test (%d posts) accuracy %.3f macro-F1 %.3f%n",
        language,
        dev.total(),
        dev.accuracy(),
        dev.macroF1(),
        language,
        test.total(),
        test.accuracy(),
        test.macroF1());
  }

  private static Scores evaluate(String language, String split) throws IOException {
    if (split.equals("dev") && Boolean.getBoolean("sentiment.sweep")) {
      List<String[]> rows = read("listening/sentiment/" + language + "-dev.tsv");
      for (double threshold : new double[] {0.05, 0.1, 0.15, 0.2, 0.25, 0.3}) {
        Scores swept = new Scores();
        for (String[] row : rows) {
          double score = analyzer.analyze(row[1], null).score();
          Polarity actual =
              score >= threshold
                  ? Polarity.POSITIVE
                  : score <= -threshold ? Polarity.NEGATIVE : Polarity.NEUTRAL;
          swept.add(Polarity.valueOf(row[0].toUpperCase(Locale.ROOT)), actual);
        }
        System.out.printf(
            Locale.ROOT,
            "  dev %s threshold %.2f: accuracy %.3f macro-F1 %.3f%n",
            language,
            threshold,
            swept.accuracy(),
            swept.macroF1());
      }
    }
    Scores scores = new Scores();
    boolean showErrors = split.equals("dev") && Boolean.getBoolean("sentiment.errors");
    for (String[] row : read("listening/sentiment/" + language + "-" + split + ".tsv")) {
      Polarity expected = Polarity.valueOf(row[0].toUpperCase(Locale.ROOT));
      SentimentResult result = analyzer.analyze(row[1], null);
      scores.add(expected, result.polarity());
      if (showErrors && expected != result.polarity()) {
        System.out.printf(
            Locale.ROOT,
            "  %-8s got %-8s %+.3f  %s%n",
            expected,
            result.polarity(),
            result.score(),
            row[1]);
      }
    }
    return scores;
  }

  static List<String[]> read(String resource) throws IOException {
    try (InputStream in =
        SentimentEvaluationTests.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<String[]> rows = new ArrayList<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          rows.add(lines[i].split("\t", 2));
        }
      }
      return rows;
    }
  }

  /** A confusion matrix over the three polarities. */
  static final class Scores {
    private final int[][] counts = new int[3][3];

    void add(Polarity expected, Polarity actual) {
      counts[expected.ordinal()][actual.ordinal()]++;
    }

    int total() {
      int total = 0;
      for (int[] row : counts) {
        for (int count : row) {
          total += count;
        }
      }
      return total;
    }

    double accuracy() {
      int correct = 0;
      for (int i = 0; i < 3; i++) {
        correct += counts[i][i];
      }
      return (double) correct / total();
    }

    double macroF1() {
      Map<Polarity, Double> f1 = new EnumMap<>(Polarity.class);
      for (Polarity polarity : Polarity.values()) {
        int p = polarity.ordinal();
        int truePositives = counts[p][p];
        int predicted = 0;
        int actual = 0;
        for (int i = 0; i < 3; i++) {
          predicted += counts[i][p];
          actual += counts[p][i];
        }
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = actual == 0 ? 0 : (double) truePositives / actual;
        f1.put(
            polarity, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
      }
      return f1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
  }
}
