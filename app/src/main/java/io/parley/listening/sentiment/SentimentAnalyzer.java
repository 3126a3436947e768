package io.parley.listening.sentiment;

import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Tells whether a customer post is positive, neutral or negative. Thread-safe; {@code language}
 * ("en", "zh", "zh-CN", ...) may be null, then Chinese script decides.
 */
@Component
public class SentimentAnalyzer {

  // A first crude word list; replaced by VADER (English) and a Chinese lexicon.
  private static final Set<String> POSITIVE_EN =
      Set.of("good", "great", "love", "thanks", "thank", "excellent", "happy", "awesome", "fast");
  private static final Set<String> NEGATIVE_EN =
      Set.of("bad", "broken", "terrible", "hate", "refund", "worst", "slow", "awful", "useless");
  private static final Set<String> POSITIVE_ZH = Set.of("好评", "满意", "喜欢", "谢谢", "很好", "给力");
  private static final Set<String> NEGATIVE_ZH = Set.of("垃圾", "差评", "无法连接", "卡顿", "退货", "太慢", "失望");

  /** Analyses {@code text}; blank or null text is neutral. */
  public SentimentResult analyze(String text, String language) {
    if (text == null || text.isBlank()) {
      return SentimentResult.NEUTRAL;
    }
    boolean chinese = isChinese(text, language);
    int sum = 0;
    if (chinese) {
      sum += count(text, POSITIVE_ZH) - count(text, NEGATIVE_ZH);
    } else {
      for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
        if (POSITIVE_EN.contains(word)) sum++;
        if (NEGATIVE_EN.contains(word)) sum--;
      }
    }
    double score = sum / Math.sqrt(sum * sum + 15.0);
    Polarity polarity =
        score >= 0.05 ? Polarity.POSITIVE : score <= -0.05 ? Polarity.NEGATIVE : Polarity.NEUTRAL;
    return new SentimentResult(polarity, score);
  }

  private static int count(String text, Set<String> words) {
    int n = 0;
    for (String word : words) {
      if (text.contains(word)) n++;
    }
    return n;
  }

  static boolean isChinese(String text, String language) {
    if (language != null && !language.isBlank()) {
      return language.toLowerCase(Locale.ROOT).startsWith("zh");
    }
    int han = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) han++;
      else if (Character.isLetter(cp)) latin++;
      i += Character.charCount(cp);
    }
    // A Chinese post often carries Latin product names; a few Han characters are enough.
    return han > 0 && han * 3 >= latin / 2;
  }
}
