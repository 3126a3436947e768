package io.parley.customers.internal;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import io.parley.customers.PhoneNumbers;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how likely someone who just wrote in is an existing customer, from clues no channel
 * vouches for: the same or a similar name (Chinese names compared by character, full-width and
 * spacing ignored), a Chinese name read in pinyin as the other's name or handle, a similar handle,
 * the same city, an order number of theirs mentioned in the message, an email or phone typed by the
 * writer. A score is offered to an agent, never acted on.
 */
public final class CandidateScoring {

  /** Scores below this are not worth an agent's attention. */
  public static final int THRESHOLD = 35;

  /** A name that reads the same in pinyin: below the same name (40), at the threshold. */
  private static final int PINYIN = THRESHOLD;

  /** Order numbers as customers type them: "A-10086", "#2024123456", "SO123456". */
  private static final Pattern ORDER = Pattern.compile("(?<![\\w-])#?([A-Za-z]{0,4}-?\\d{5,})\\b");

  /**
   * The clues about the person who wrote in; {@code namePinyin} is the name's {@link #pinyinKey},
   * read once by the caller rather than through HanLP for every customer compared.
   */
  public record Clues(
      String name,
      String namePinyin,
      String handle,
      String location,
      String email,
      String phone,
      Set<String> mentionedOrders) {

    /** Clues whose name's pinyin is read here. */
    public Clues(
        String name,
        String handle,
        String location,
        String email,
        String phone,
        Set<String> mentionedOrders) {
      this(name, pinyinKey(name), handle, location, email, phone, mentionedOrders);
    }
  }

  /**
   * What we know about an existing customer; {@code namePinyin} is the name's {@link #pinyinKey}
   * (as stored with the customer, {@link Customer#getNamePinyin}).
   */
  public record Known(
      String name,
      String namePinyin,
      Collection<String> handles,
      Collection<String> emails,
      Collection<String> phonesE164,
      String city,
      Collection<String> orderNumbers) {

    /** What we know, the name's pinyin read here. */
    public Known(
        String name,
        Collection<String> handles,
        Collection<String> emails,
        Collection<String> phonesE164,
        String city,
        Collection<String> orderNumbers) {
      this(name, pinyinKey(name), handles, emails, phonesE164, city, orderNumbers);
    }
  }

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
    } else {
      double similarity = similarity(a, b);
      if (similarity >= 0.75) {
        score += (int) Math.round(30 * similarity);
        reasons.add("match.nameSimilar");
      } else {
        score += readsAlike(clues, known, a, b, reasons);
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

  /**
   * A Chinese name on one side read in pinyin as the other side's Latin name or a handle of theirs:
   * "Wang Jun" or "wangjun1988" and 王军. Weaker than the same name (汪军 and 王君 read "wangjun" too),
   * so it scores less, yet offers the customer on its own; counted once, by the name when both read
   * alike. Two Chinese names are compared by character, never by their reading.
   */
  private static int readsAlike(
      Clues clues, Known known, String name, String knownName, List<String> reasons) {
    String pinyin = clues.namePinyin();
    String knownPinyin = known.namePinyin();
    boolean oneChinese = (pinyin == null) != (knownPinyin == null);
    if (oneChinese && (pinyin != null ? pinyin.equals(knownName) : knownPinyin.equals(name))) {
      reasons.add("match.namePinyin");
      return PINYIN;
    }
    // A handle that spells one's own name as well says nothing (汪军 writing as "wangjun").
    boolean writerSpellsKnown =
        knownPinyin != null
            && !knownPinyin.equals(pinyin)
            && knownPinyin.equals(handleKey(clues.handle()));
    boolean knownSpellsWriter =
        pinyin != null
            && !pinyin.equals(knownPinyin)
            && known.handles().stream().anyMatch(h -> pinyin.equals(handleKey(h)));
    if (writerSpellsKnown || knownSpellsWriter) {
      reasons.add("match.handlePinyin");
      return PINYIN;
    }
    return 0;
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

  /**
   * The indexed key under which a Chinese name meets the same name written in Latin letters or used
   * as a handle: its toneless pinyin, lower case, without separators ("王军" and "王軍" give
   * "wangjun"); ü is "v" ("吕" gives "lv"), Latin letters and digits in the name are kept. Null for
   * a name without Han characters, and for one with a letter that has no pinyin (a Han character
   * HanLP does not know, kana, Hangul). A character of several readings takes HanLP's reading in
   * context, except the few whose reading in a name of two to four Han characters is another (see
   * {@link #NAME_READINGS}). Stored with every customer: a change to this rule needs a migration
   * that computes the stored keys again (as V4_94 first did).
   */
  public static String pinyinKey(String name) {
    if (name == null) {
      return null;
    }
    String text = Normalizer.normalize(name, Normalizer.Form.NFKC);
    int han = 0;
    boolean latin = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        if (Character.isSupplementaryCodePoint(c)) {
          return null; // HanLP reads the Basic Multilingual Plane only
        }
        han++;
      } else if (c < 128 && Character.isLetterOrDigit(c)) {
        latin = true;
      } else if (Character.isLetterOrDigit(c)) {
        return null;
      }
    }
    if (han == 0) {
      return null;
    }
    boolean personal = !latin && han >= 2 && han <= 4;
    List<Pinyin> readings = HanLP.convertToPinyinList(text);
    StringBuilder key = new StringBuilder(text.length() * 4);
    boolean first = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        Pinyin reading = readings.get(i);
        if (reading == Pinyin.none5) {
          return null;
        }
        String read = reading.getPinyinWithoutTone();
        if (personal) {
          read = nameReading(c, read, first);
        }
        key.append(read);
        first = false;
      } else if (c < 128 && Character.isLetterOrDigit(c)) {
        key.append(Character.toLowerCase(c));
      }
    }
    return cut(key.toString(), 255);
  }

  /**
   * Readings a character takes in a name where HanLP, reading it as ordinary text, takes another:
   * character, HanLP's reading, the name's; "*" marks a surname, read so only at the start. HanLP's
   * reading must match, so that a compound surname it knows keeps its own ("单于" is "chanyu").
   */
  private static final Map<Character, String[]> NAME_READINGS =
      readings(
          "单 dan shan *",
          "單 dan shan *",
          "曾 ceng zeng *",
          "解 jie xie *",
          "区 qu ou *",
          "區 qu ou *",
          "朴 pu piao *",
          "查 cha zha *",
          "仇 chou qiu *",
          "翟 di zhai *",
          "缪 mou miao *",
          "繆 mou miao *",
          "种 zhong chong *",
          "種 zhong chong *",
          "员 yuan yun *",
          "員 yuan yun *",
          "召 zhao shao *",
          "秘 mi bi *",
          "褚 zhu chu *",
          "薄 bao bo *",
          "都 dou du *",
          "黑 hei he *",
          "祭 ji zhai *",
          "娜 nuo na");

  private static Map<Character, String[]> readings(String... entries) {
    Map<Character, String[]> readings = new HashMap<>();
    for (String entry : entries) {
      String[] parts = entry.split(" ");
      readings.put(parts[0].charAt(0), Arrays.copyOfRange(parts, 1, parts.length));
    }
    return Map.copyOf(readings);
  }

  private static String nameReading(char c, String read, boolean first) {
    String[] reading = NAME_READINGS.get(c);
    if (reading == null || !reading[0].equals(read) || (reading.length > 2 && !first)) {
      return read;
    }
    return reading[1];
  }

  /** Loads HanLP's pinyin dictionary now (a fifth of a second), not with the first new contact. */
  public static void warmUp() {
    pinyinKey("王军");
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
