package io.parley.listening;

import com.hankcs.hanlp.HanLP;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How listening compares text: NFKC (full-width letters and digits become half-width), lower case,
 * traditional Chinese characters folded to simplified ones (HanLP's conversion table, character by
 * character), curly apostrophes to straight ones; then cut into tokens: a run of letters or digits
 * of a spaced script is one word, every CJK character (Han, kana, Hangul) is a token of its own, so
 * that Latin words match whole ("hp" never inside "hpv") and Chinese matches inside a run.
 *
 * <p>The folding of every BMP character is computed once into a table: the matcher's hot path is a
 * table lookup per character, and only text containing a character whose NFKC form is longer than
 * one character (ligatures, "㈱") is normalized as a whole first.
 */
public final class TextFolding {

  /** Character classes of folded characters. */
  static final byte SEPARATOR = 0, WORD = 1, CJK = 2;

  /** Marks a character whose folding is more than one character. */
  static final char COMPLEX = '\uFFFF';

  private TextFolding() {}

  private static final class Tables {
    static final char[] FOLD = new char[65536];
    static final byte[] CLASS = new byte[65536];

    static {
      for (int c = 0; c < 65536; c++) {
        char ch = (char) c;
        if (Character.isSurrogate(ch)) {
          FOLD[c] = ch;
          continue;
        }
        String folded =
            Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        FOLD[c] = folded.length() == 1 ? folded.charAt(0) : COMPLEX;
      }
      FOLD['\u2019'] = '\'';
      FOLD['\u2018'] = '\'';
      FOLD[COMPLEX] = COMPLEX;
      // Traditional to simplified, per character, from HanLP's dictionary (offline, in the jar).
      char[] simplified = new char[65536];
      for (int c = 0; c < 65536; c++) {
        simplified[c] = (char) c;
      }
      for (int c = 0x3400; c <= 0x9FFF; c++) {
        String to = HanLP.convertToSimplifiedChinese(String.valueOf((char) c));
        if (to.length() == 1 && isCjk(to.charAt(0))) {
          simplified[c] = to.charAt(0);
        }
      }
      for (int c = 0; c < 65536; c++) {
        if (FOLD[c] != COMPLEX) {
          FOLD[c] = simplified[FOLD[c]];
        }
      }
      for (int c = 0; c < 65536; c++) {
        char f = FOLD[c] == COMPLEX ? (char) c : FOLD[c];
        CLASS[c] = isCjk(f) ? CJK : Character.isLetterOrDigit(f) ? WORD : SEPARATOR;
      }
      CLASS[COMPLEX] = SEPARATOR;
    }
  }

  static boolean isCjk(char c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  static char[] foldTable() {
    return Tables.FOLD;
  }

  static byte[] classTable() {
    return Tables.CLASS;
  }

  /** Loads the tables now (HanLP's dictionary takes a moment), not on the first post. */
  public static void warmUp() {
    fold("warm");
  }

  /** The text as listening compares it: NFKC, lower case, simplified Chinese. */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    char[] fold = Tables.FOLD;
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      char f = fold[text.charAt(i)];
      if (f == COMPLEX) {
        return foldNormalized(Normalizer.normalize(text, Normalizer.Form.NFKC));
      }
      out[i] = f;
    }
    return new String(out);
  }

  /** Folds text already in NFKC: characters that still fold to several are lower-cased. */
  static String foldNormalized(String text) {
    char[] fold = Tables.FOLD;
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char f = fold[c];
      if (f == COMPLEX) {
        out.append(String.valueOf(c).toLowerCase(Locale.ROOT));
      } else {
        out.append(f);
      }
    }
    return out.toString();
  }

  /** The tokens of a text, folded: whole words of spaced scripts, single CJK characters. */
  public static List<String> tokens(String text) {
    String folded = fold(text);
    byte[] classes = Tables.CLASS;
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length(); i++) {
      byte cls = i == folded.length() ? SEPARATOR : classes[folded.charAt(i)];
      if (cls == WORD) {
        if (start < 0) {
          start = i;
        }
        continue;
      }
      if (start >= 0) {
        tokens.add(folded.substring(start, i));
        start = -1;
      }
      if (cls == CJK) {
        tokens.add(String.valueOf(folded.charAt(i)));
      }
    }
    return tokens;
  }
}
