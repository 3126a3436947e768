package io.parley.listening.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SentimentAnalyzerTests {

  private static final SentimentAnalyzer analyzer = new SentimentAnalyzer();

  private static double score(String text) {
    return analyzer.analyze(text, null).score();
  }

  private static Polarity polarity(String text) {
    return analyzer.analyze(text, null).polarity();
  }

  @Test
  void blankTextIsNeutral() {
    assertThat(analyzer.analyze("  ", null)).isEqualTo(SentimentResult.NEUTRAL);
    assertThat(analyzer.analyze(null, "en")).isEqualTo(SentimentResult.NEUTRAL);
  }

  @Test
  void resultRejectsScoresOutsideMinusOneToOne() {
    assertThatThrownBy(() -> new SentimentResult(Polarity.POSITIVE, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SentimentResult(null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scriptDecidesTheLanguageWhenNoneIsGiven() {
    assertThat(SentimentAnalyzer.languageOf("我的X5 WiFi连不上", null))
        .isEqualTo(SentimentAnalyzer.Language.CHINESE);
    assertThat(SentimentAnalyzer.languageOf("My phone shows 中文 fine, thanks", null))
        .isEqualTo(SentimentAnalyzer.Language.ENGLISH);
    assertThat(SentimentAnalyzer.languageOf("anything", "zh-Hant"))
        .isEqualTo(SentimentAnalyzer.Language.CHINESE);
    assertThat(SentimentAnalyzer.languageOf("anything", "und"))
        .isEqualTo(SentimentAnalyzer.Language.ENGLISH);
    assertThat(analyzer.analyze("C'est vraiment nul", "fr")).isEqualTo(SentimentResult.NEUTRAL);
  }

  // --- English (VADER)

  @Test
  void englishScoresMatchTheVaderReadmeOnVadersOwnLexicon() {
    // compound scores printed in cjhutto/vaderSentiment's README
    EnglishSentiment vader =
        new EnglishSentiment(Lexicon.load("listening/sentiment/vader_lexicon.txt"));
    assertThat(vader.compound("VADER is smart, handsome, and funny.")).isCloseTo(0.8316, within);
    assertThat(vader.compound("VADER is smart, handsome, and funny!")).isCloseTo(0.8439, within);
    assertThat(vader.compound("The book was good.")).isCloseTo(0.4404, within);
    assertThat(vader.compound("At least it isn't a horrible book.")).isCloseTo(0.431, within);
    assertThat(vader.compound("The book was only kind of good.")).isCloseTo(0.3832, within);
    assertThat(
            vader.compound(
                "The plot was good, but the characters are uncompelling and the dialog is not"
                    + " great."))
        .isCloseTo(-0.7042, within);
    assertThat(vader.compound("Today SUX!")).isCloseTo(-0.5461, within);
    assertThat(vader.compound("Not bad at all")).isCloseTo(0.431, within);
    assertThat(vader.compound("Make sure you :) or :D today!")).isCloseTo(0.8633, within);
    // Parley's one change to the algorithm: a booster does not reach past a comma (VADER: 0.8545)
    assertThat(vader.compound("VADER is very smart, handsome, and funny."))
        .isCloseTo(0.8439, within);
  }

  private static final Offset<Double> within = Offset.offset(0.0001);

  @Test
  void englishNegationFlipsTheWordWithinThreeWords() {
    assertThat(polarity("The support was good")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("The support was not good")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("The support wasn't very good")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("Not bad at all")).isEqualTo(Polarity.POSITIVE);
  }

  @Test
  void englishNegationStopsAtPunctuation() {
    // VADER itself would negate "stuck" through the comma and call this positive
    assertThat(polarity("Tablet won't update, stuck at 45% for hours."))
        .isEqualTo(Polarity.NEGATIVE);
  }

  @Test
  void englishBoostersAndDampenersScaleTheScore() {
    assertThat(score("The battery is extremely good")).isGreaterThan(score("The battery is good"));
    assertThat(score("The battery is slightly good")).isLessThan(score("The battery is good"));
    assertThat(score("The screen is very bad")).isLessThan(score("The screen is bad"));
  }

  @Test
  void englishCapitalsAndExclamationsAddEmphasis() {
    assertThat(score("The delivery was GREAT")).isGreaterThan(score("The delivery was great"));
    assertThat(score("The delivery was great!!!")).isGreaterThan(score("The delivery was great"));
    assertThat(score("The delivery was terrible!!!"))
        .isLessThan(score("The delivery was terrible"));
  }

  @Test
  void englishClauseAfterButWeighsMore() {
    assertThat(polarity("The camera is great but the battery is awful"))
        .isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("The delivery was late but the speaker is awesome"))
        .isEqualTo(Polarity.POSITIVE);
  }

  @Test
  void englishCustomerServicePhrasesAreNegative() {
    assertThat(polarity("My earbuds can't connect to the laptop")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("The app doesn't work since Monday")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("Screen flickering on my X5")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("Still waiting for my order")).isEqualTo(Polarity.NEGATIVE);
  }

  @Test
  void englishQuestionsAboutGoodThingsAreNotPraise() {
    assertThat(polarity("Is there a student discount?")).isEqualTo(Polarity.NEUTRAL);
    assertThat(score("Are they good for running?")).isLessThan(score("They are good for running."));
  }

  @Test
  void englishEmoticonsAndEmojiCarrySentiment() {
    assertThat(polarity("New phone arrived :)")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("New phone arrived :(")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("New phone arrived 😍")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("New phone arrived😡")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("Love it ❤️")).isEqualTo(Polarity.POSITIVE);
  }

  // --- Chinese

  @Test
  void chineseLexiconWordsScore() {
    assertThat(polarity("耳机无法连接，太慢了，垃圾")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("非常满意，好评")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("客服态度差")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("请问X5支持无线充电吗")).isEqualTo(Polarity.NEUTRAL);
  }

  @Test
  void chineseNegationFlipsAndDoubleNegationCancels() {
    assertThat(polarity("这个耳机好用")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("这个耳机不好用")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("手机很卡")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("手机一点也不卡")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("没有问题")).isEqualTo(Polarity.POSITIVE);
    assertThat(score("不是不好")).isPositive();
    assertThat(polarity("质量不行")).isEqualTo(Polarity.NEGATIVE);
  }

  @Test
  void chineseNegatorOnlyReachesWithinItsClause() {
    // "没" belongs to the first clause; "满意" in the second stays positive
    assertThat(score("等了三天没发货，收到后很满意")).isPositive();
  }

  @Test
  void chineseDegreeAdverbsScaleTheScore() {
    assertThat(score("屏幕非常好")).isGreaterThan(score("屏幕好"));
    assertThat(score("屏幕有点差")).isGreaterThan(score("屏幕差"));
    assertThat(score("屏幕太差")).isLessThan(score("屏幕差"));
    // a degree adverb after the negator softens: 不太好 is milder than 不好
    assertThat(score("屏幕不太好")).isNegative().isGreaterThan(score("屏幕不好"));
  }

  @Test
  void chineseClauseAfterContrastWeighsMore() {
    assertThat(polarity("手机很好，但是电池太差了")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("虽然晚到了一天，不过音箱很棒")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("本来担心不靠谱，没想到很顺利")).isEqualTo(Polarity.POSITIVE);
  }

  @Test
  void chineseExclamationsAddEmphasisAndQuestionsDampPraise() {
    assertThat(score("太差了！！！")).isLessThan(score("太差了"));
    assertThat(polarity("有优惠吗？")).isEqualTo(Polarity.NEUTRAL);
    assertThat(polarity("为什么客服态度这么差？")).isEqualTo(Polarity.NEGATIVE);
  }

  @Test
  void traditionalAndFullWidthTextIsFoldedFirst() {
    assertThat(ChineseSentiment.fold("產品質量太差了，用兩天就壞了！")).isEqualTo("产品质量太差了,用两天就坏了!");
    assertThat(score("客服態度很差")).isEqualTo(score("客服态度很差")).isNegative();
    assertThat(polarity("這支手機很好用，非常滿意")).isEqualTo(Polarity.POSITIVE);
  }

  @Test
  void chineseEmojiAndEmoticonsCarrySentiment() {
    assertThat(polarity("新手机到了😍")).isEqualTo(Polarity.POSITIVE);
    assertThat(polarity("新手机到了 :(")).isEqualTo(Polarity.NEGATIVE);
    assertThat(polarity("又闪退了👎")).isEqualTo(Polarity.NEGATIVE);
  }

  @Test
  void analysingFromManyThreadsGivesTheSameScores() throws Exception {
    List<String> posts =
        List.of(
            "耳机连不上，客服也不理人",
            "Great phone, love it!",
            "屏幕很漂亮，推荐",
            "The app keeps crashing",
            "請問有門市嗎？",
            "Is the X5 dual SIM?");
    List<Double> expected = posts.stream().map(SentimentAnalyzerTests::score).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Double>>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(
            pool.submit(
                () -> {
                  List<Double> scores = new ArrayList<>();
                  for (int round = 0; round < 50; round++) {
                    scores = posts.stream().map(SentimentAnalyzerTests::score).toList();
                  }
                  return scores;
                }));
      }
      for (Future<List<Double>> run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
