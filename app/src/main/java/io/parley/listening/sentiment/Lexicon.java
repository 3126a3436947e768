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
  private final int longestPhrase;

  private Lexicon(Map<String, Double> valences) {
    this.valences = Map.copyOf(valences);
    this.longestPhrase =
        valences.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
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

  /** The number of words in the longest phrase. */
  int longestPhrase() {
    return longestPhrase;
  }

  Iterable<String> entries() {
    return valences.keySet();
  }
}
