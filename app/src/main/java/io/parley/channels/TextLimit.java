package io.parley.channels;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a reply may be on a network and how the network counts it. The counting rule is data
 * ({@link Counting}): the server refuses a reply whose {@link #length} exceeds {@link #max}, and
 * the composer's live counter (static/js/text-limit.js) runs the same algorithm on the same data
 * ({@link #asData()}), so both always agree. {@code max} 0 means no limit.
 */
public record TextLimit(int max, Counting counting) {

  /** No limit (email, chat): counted in code points for display only. */
  public static final TextLimit NONE = new TextLimit(0, Counting.CODE_POINTS);

  public TextLimit {
    if (max < 0 || counting == null) {
      throw new IllegalArgumentException("A text limit needs max >= 0 and a counting rule");
    }
  }

  /** At most {@code max} Unicode code points. */
  public static TextLimit codePoints(int max) {
    return new TextLimit(max, Counting.CODE_POINTS);
  }

  /** At most {@code max} UTF-16 code units (what Telegram's Bot API counts). */
  public static TextLimit utf16(int max) {
    return new TextLimit(max, Counting.UTF16);
  }

  /** An X post: 280 weighted (twitter-text v3: URLs 23, CJK and emoji 2, so 140 CJK). */
  public static TextLimit x() {
    return new TextLimit(280, Counting.X);
  }

  /** A Mastodon status: {@code max} code points, every link counting 23. */
  public static TextLimit mastodon(int max) {
    return new TextLimit(max, Counting.MASTODON);
  }

  /** Weibo: {@code max} characters where half-width (ASCII) characters count half. */
  public static TextLimit weibo(int max) {
    return new TextLimit(max, Counting.WEIBO);
  }

  public boolean limited() {
    return max > 0;
  }

  /** The text's length as the network counts it, in the unit of {@link #max}. */
  public int length(String text) {
    return counting.length(text);
  }

  public boolean fits(String text) {
    return !limited() || length(text) <= max;
  }

  /** The rule and the limit as plain data, for the composer's counter. */
  public Map<String, Object> asData() {
    Map<String, Object> data = new LinkedHashMap<>(counting.asData());
    data.put("max", max);
    return data;
  }

  /**
   * A counting rule: after NFC normalisation, a link matching {@code urlPattern} weighs {@code
   * urlWeight}, an emoji (a code point in {@code emojiRanges} with its modifiers, joiners and
   * variation selectors) weighs {@code emojiWeight}, any other code point the weight of the first
   * of {@code ranges} containing it, else {@code defaultWeight}; the length is the sum divided by
   * {@code scale}, rounded up. A negative url or emoji weight turns that rule off.
   */
  public record Counting(
      String name,
      int scale,
      int defaultWeight,
      List<Range> ranges,
      int urlWeight,
      int emojiWeight,
      List<Range> emojiRanges) {

    /** Links as the composer and the server both recognise them. */
    public static final String URL_PATTERN = "https?://[^\\s<>\"]*[^\\s<>\".,;:!?)'\\]]";

    private static final Pattern URL = Pattern.compile(URL_PATTERN);

    private static final List<Range> EMOJI =
        List.of(
            new Range(0x1F000, 0x1FAFF, 0),
            new Range(0x2300, 0x23FF, 0),
            new Range(0x2600, 0x27BF, 0),
            new Range(0x2B00, 0x2BFF, 0));

    public static final Counting CODE_POINTS =
        new Counting("codePoints", 1, 1, List.of(), -1, -1, List.of());

    public static final Counting UTF16 =
        new Counting("utf16", 1, 2, List.of(new Range(0, 0xFFFF, 1)), -1, -1, List.of());

    /** twitter-text v3 configuration (config/v3.json of twitter/twitter-text). */
    public static final Counting X =
        new Counting(
            "x",
            100,
            200,
            List.of(
                new Range(0, 4351, 100),
                new Range(8192, 8205, 100),
                new Range(8208, 8223, 100),
                new Range(8242, 8247, 100)),
            2300,
            200,
            EMOJI);

    public static final Counting MASTODON =
        new Counting("mastodon", 1, 1, List.of(), 23, -1, List.of());

    public static final Counting WEIBO =
        new Counting("weibo", 2, 2, List.of(new Range(0, 127, 1)), -1, -1, List.of());

    public Counting {
      ranges = List.copyOf(ranges);
      emojiRanges = List.copyOf(emojiRanges);
      if (scale < 1) {
        throw new IllegalArgumentException("scale must be at least 1");
      }
    }

    public int length(String text) {
      if (text == null || text.isEmpty()) {
        return 0;
      }
      String s = Normalizer.normalize(text, Normalizer.Form.NFC);
      long units = 0;
      Matcher url = URL.matcher(s);
      int nextUrl = urlWeight >= 0 && url.find() ? url.start() : -1;
      int i = 0;
      while (i < s.length()) {
        if (nextUrl >= 0 && i > nextUrl) {
          nextUrl = url.find(i) ? url.start() : -1;
        }
        if (i == nextUrl) {
          units += urlWeight;
          i = url.end();
          nextUrl = url.find() ? url.start() : -1;
          continue;
        }
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if (emojiWeight >= 0 && in(emojiRanges, cp)) {
          i = endOfEmoji(s, i, cp);
          units += emojiWeight;
          continue;
        }
        units += weight(cp);
      }
      return (int) ((units + scale - 1) / scale);
    }

    private int weight(int cp) {
      for (Range r : ranges) {
        if (cp >= r.from() && cp <= r.to()) {
          return r.weight();
        }
      }
      return defaultWeight;
    }

    private static boolean in(List<Range> ranges, int cp) {
      for (Range r : ranges) {
        if (cp >= r.from() && cp <= r.to()) {
          return true;
        }
      }
      return false;
    }

    /** Skips what belongs to the emoji that started before {@code i}. */
    static int endOfEmoji(String s, int i, int first) {
      boolean flag = first >= 0x1F1E6 && first <= 0x1F1FF;
      while (i < s.length()) {
        int cp = s.codePointAt(i);
        if (flag && cp >= 0x1F1E6 && cp <= 0x1F1FF) {
          flag = false;
          i += Character.charCount(cp);
        } else if (modifier(cp)) {
          i += Character.charCount(cp);
        } else if (cp == 0x200D && i + 1 < s.length()) {
          i += 1;
          i += Character.charCount(s.codePointAt(i));
        } else {
          break;
        }
      }
      return i;
    }

    private static boolean modifier(int cp) {
      return cp == 0xFE0F
          || cp == 0xFE0E
          || cp == 0x20E3
          || (cp >= 0x1F3FB && cp <= 0x1F3FF)
          || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    Map<String, Object> asData() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("name", name);
      data.put("scale", scale);
      data.put("defaultWeight", defaultWeight);
      data.put("ranges", ranges.stream().map(Range::asData).toList());
      data.put("urlWeight", urlWeight);
      data.put("urlPattern", URL_PATTERN);
      data.put("emojiWeight", emojiWeight);
      data.put("emojiRanges", emojiRanges.stream().map(Range::asData).toList());
      return data;
    }
  }

  /** Code points {@code from} to {@code to} (inclusive) weigh {@code weight}. */
  public record Range(int from, int to, int weight) {
    List<Integer> asData() {
      return List.of(from, to, weight);
    }
  }
}
