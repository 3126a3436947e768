package io.parley.listening.sentiment;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells whether a customer post is positive, neutral or negative, in English (VADER) or Chinese.
 * Thread-safe. {@code language} ("en", "zh", "zh-CN", "zh-Hant", ...) may be null or "und", then
 * Chinese script decides; other languages are neutral. Only the first {@value #MAX_LENGTH}
 * characters are read.
 */
@Component
public class SentimentAnalyzer {

  static final int MAX_LENGTH = 5_000;

  /** VADER's recommended thresholds on the compound score. */
  static final double THRESHOLD = 0.05;

  private static final Logger log = LoggerFactory.getLogger(SentimentAnalyzer.class);

  private final EnglishSentiment english;
  private final Object chineseLock = new Object();
  private volatile ChineseSentiment chinese;

  public SentimentAnalyzer() {
    this.english = EnglishSentiment.load();
  }

  /** Analyses {@code text}; blank or null text is neutral. */
  public SentimentResult analyze(String text, String language) {
    if (text == null || text.isBlank()) {
      return SentimentResult.NEUTRAL;
    }
    String read = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    double score =
        switch (languageOf(read, language)) {
          case ENGLISH -> english.compound(read);
          case CHINESE -> chinese().compound(read);
          case OTHER -> 0.0;
        };
    return new SentimentResult(polarity(score), score);
  }

  static Polarity polarity(double score) {
    if (score >= THRESHOLD) {
      return Polarity.POSITIVE;
    }
    return score <= -THRESHOLD ? Polarity.NEGATIVE : Polarity.NEUTRAL;
  }

  /**
   * Loads the Chinese segmenter and lexicon (about a second, some 50 MB) off the request path once
   * the application is up, so that the first Chinese post does not wait for it.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUpInBackground() {
    Thread thread = new Thread(this::warmUp, "sentiment-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Loads the Chinese analyser now if it is not loaded yet. */
  public void warmUp() {
    chinese();
  }

  private ChineseSentiment chinese() {
    ChineseSentiment loaded = chinese;
    if (loaded == null) {
      synchronized (chineseLock) {
        loaded = chinese;
        if (loaded == null) {
          long start = System.nanoTime();
          loaded = ChineseSentiment.load(english.lexicon());
          chinese = loaded;
          log.info(
              "Chinese sentiment analyser loaded in {} ms",
              (System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    return loaded;
  }

  enum Language {
    ENGLISH,
    CHINESE,
    OTHER
  }

  static Language languageOf(String text, String language) {
    if (language != null && !language.isBlank() && !language.equalsIgnoreCase("und")) {
      String tag = language.toLowerCase(Locale.ROOT);
      if (tag.startsWith("zh")) {
        return Language.CHINESE;
      }
      return tag.startsWith("en") ? Language.ENGLISH : Language.OTHER;
    }
    int han = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        han++;
      } else if (Character.isLetter(cp)) {
        letters++;
      }
    }
    // Chinese posts carry Latin product names ("X5", "WiFi"); one Han character per four Latin
    // letters is Chinese enough
    return han > 0 && han * 4 >= letters ? Language.CHINESE : Language.ENGLISH;
  }
}
