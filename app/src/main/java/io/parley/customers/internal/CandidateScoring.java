package io.parley.customers.internal;

import io.parley.customers.PhoneNumbers;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how likely someone who just wrote in is an existing customer, from clues no channel
 * vouches for: the same or a similar name (Chinese names compared by character, full-width and
 * spacing ignored), a similar handle, the same city, an order number of theirs mentioned in the
 * message, an email or phone typed by the writer. A score is offered to an agent, never acted on.
 */
public final class CandidateScoring {

  /** Scores below this are not worth an agent's attention. */
  public static final int THRESHOLD = 35;

  /** Order numbers as customers type them: "A-10086", "#2024123456", "SO123456". */
  private static final Pattern ORDER = Pattern.compile("(?<![\\w-])#?([A-Za-z]{0,4}-?\\d{5,})\\b");

  /** The clues about the person who wrote in. */
  public record Clues(
      String name,
      String handle,
      String location,
      String email,
      String phone,
      Set<String> mentionedOrders) {}

  /** What we know about an existing customer. */
  public record Known(
      String name,
      Collection<String> handles,
      Collection<String> emails,
      Collection<String> phonesE164,
      String city,
      Collection<String> orderNumbers) {}

  public record Score(int score, List<String> reasons) {}

  private CandidateScoring() {}

  public static Score score(Clues clues, Known known) {
    int score = 0;
    List<String> reasons = new ArrayList<>();
    String a = normalizeName(clues.name());
    String b = normalizeName(known.name());
    if (!a.isEmpty() && a.equals(b)) {
      score += 40;
      reasons.add("match.name");
    } else if (!a.isEmpty() && !b.isEmpty()) {
      double similarity = similarity(a, b);
      if (similarity >= 0.75) {
        score += (int) Math.round(30 * similarity);
        reasons.add("match.nameSimilar");
      }
    }
    String handle = normalizeHandle(clues.handle());
    if (!handle.isEmpty()) {
      double best = 0;
      for (String h : known.handles()) {
        best = Math.max(best, similarity(handle, normalizeHandle(h)));
      }
      for (String e : known.emails()) {
        best = Math.max(best, similarity(handle, normalizeHandle(e.split("@")[0])));
      }
      if (best == 1.0) {
        score += 25;
        reasons.add("match.handle");
      } else if (best >= 0.8) {
        score += 15;
        reasons.add("match.handleSimilar");
      }
    }
    String place = normalizePlace(clues.location());
    String city = normalizePlace(known.city());
    if (!place.isEmpty() && !city.isEmpty() && (place.contains(city) || city.contains(place))) {
      score += 15;
      reasons.add("match.location");
    }
    if (clues.mentionedOrders().stream()
        .anyMatch(o -> containsIgnoreCase(known.orderNumbers(), o))) {
      score += 40;
      reasons.add("match.order");
    }
    if (clues.email() != null && containsIgnoreCase(known.emails(), clues.email())) {
      score += 45;
      reasons.add("match.email");
    }
    String phone = PhoneNumbers.e164(clues.phone()).orElse(null);
    if (phone != null && known.phonesE164().contains(phone)) {
      score += 45;
      reasons.add("match.phone");
    }
    return new Score(Math.min(100, score), reasons);
  }

  /** Order numbers mentioned in a text, upper-cased, without a leading '#'. */
  public static Set<String> orderNumbersIn(String text) {
    Set<String> found = new LinkedHashSet<>();
    if (text == null) {
      return found;
    }
    Matcher m = ORDER.matcher(text);
    while (m.find() && found.size() < 10) {
      found.add(m.group(1).toUpperCase(Locale.ROOT));
    }
    return found;
  }

  /** Case, width, spaces and name separators ("·", ".") do not tell people apart. */
  public static String normalizeName(String name) {
    if (name == null) {
      return "";
    }
    return Normalizer.normalize(name, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[\\s·.\\-_]+", "");
  }

  /**
   * The indexed key under which possible namesakes are looked up: the normalized name (null when
   * empty). Stored with every customer: a change to this rule needs a migration that computes the
   * stored keys again (as V4_90 first did).
   */
  public static String nameKey(String displayName) {
    String key = normalizeName(displayName);
    return key.isEmpty() ? null : cut(key, 200);
  }

  /** The first three characters of a name key, or null when it has fewer. */
  public static String namePrefix(String nameKey) {
    if (nameKey == null || nameKey.codePointCount(0, nameKey.length()) < 3) {
      return null;
    }
    return nameKey.substring(0, nameKey.offsetByCodePoints(0, 3));
  }

  /**
   * The indexed key under which handles alike are looked up: the normalized handle, without the
   * digits at its end when at least five characters stay ("wang_jun1988" and "WangJun" both give
   * "wangjun", while "fan123" stays itself: "fan" would join strangers). Null below three
   * characters. Stored with every identity: a change to this rule needs a migration that computes
   * the stored keys again.
   */
  public static String handleKey(String handle) {
    String key = normalizeHandle(handle);
    String stem = key.replaceFirst("\\p{Nd}+$", "");
    if (stem.codePointCount(0, stem.length()) >= 5) {
      key = stem;
    }
    return key.codePointCount(0, key.length()) < 3 ? null : cut(key, 255);
  }

  private static String cut(String value, int max) {
    return value.length() > max ? value.substring(0, max) : value;
  }

  private static String normalizeHandle(String handle) {
    if (handle == null) {
      return "";
    }
    return Normalizer.normalize(handle, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("^@", "")
        .replaceAll("[\\s._\\-]+", "");
  }

  private static String normalizePlace(String place) {
    if (place == null) {
      return "";
    }
    return Normalizer.normalize(place, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[\\s,，]+", "")
        .replaceAll("(市|省|city)$", "");
  }

  private static boolean containsIgnoreCase(Collection<String> values, String value) {
    return values.stream().anyMatch(v -> v != null && v.equalsIgnoreCase(value));
  }

  /** 1 − edit distance / longer length, by code point (a Chinese character counts as one). */
  static double similarity(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[] previous = new int[y.length + 1];
    int[] current = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      current[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return 1.0 - (double) previous[y.length] / Math.max(x.length, y.length);
  }
}
