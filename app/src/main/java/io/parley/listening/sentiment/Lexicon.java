package io.parley.listening.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Word valences read from classpath resources; immutable once built. */
final class Lexicon {

  private final Map<String, Double> valences;

  /** Per first word of the lexicon's phrases, the most words a phrase starting with it has. */
  private final Map<String, Integer> phrasesFrom;

  private Lexicon(Map<String, Double> valences) {
    this.valences = Map.copyOf(valences);
    Map<String, Integer> from = new HashMap<>();
    for (String key : valences.keySet()) {
      String[] words = key.split(" ");
      if (words.length > 1) {
        from.merge(words[0], words.length, Math::max);
      }
    }
    this.phrasesFrom = Map.copyOf(from);
  }

  /**
   * Reads {@code word<TAB>valence[<TAB>...]} lines, later resources overriding earlier ones; '#'
   * starts a comment line. Keys are lower-cased.
   */
  static Lexicon load(String... resources) {
    Map<String, Double> valences = new HashMap<>();
    for (String resource : resources) {
      try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "Missing sentiment lexicon on the classpath: " + resource);
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
          number++;
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] fields = line.split("\t");
          if (fields.length < 2) {
            throw new IllegalStateException(
                resource + ":" + number + ": expected word<TAB>valence");
          }
          valences.put(fields[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(fields[1]));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Lexicon(valences);
  }

  /** The valence of a lower-cased word or phrase, or null when the lexicon does not know it. */
  Double valence(String lowerCased) {
    return valences.get(lowerCased);
  }

  boolean contains(String lowerCased) {
    return valences.containsKey(lowerCased);
  }

  /**
   * The most words a phrase starting with this lower-cased word has (1: none starts with it), so
   * that a text's words are tried as phrases only where one may begin.
   */
  int longestPhraseFrom(String lowerCasedWord) {
    return phrasesFrom.getOrDefault(lowerCasedWord, 1);
  }

  Iterable<String> entries() {
    return valences.keySet();
  }
}
