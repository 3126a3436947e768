package io.parley.compliance.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds lexicon terms in a text the way people dodge them: case-insensitively, full-width and
 * half-width forms folded (NFKC: "ＢＡＤ" is "bad"), Chinese terms anywhere inside a run of Chinese
 * characters, Latin terms only as whole words ("ass" does not match "class"). Offsets refer to the
 * original text, so matches can be highlighted and replaced there. A plain scan per term: brand
 * lexicons hold hundreds of terms, not millions.
 */
public final class TextScan {

  private TextScan() {}

  /** A lexicon term as scanned. */
  public record Term(String term, String folded, Action action, String replacement) {}

  public enum Action {
    BLOCK,
    REPLACE,
    APPROVE
  }

  /** One occurrence: {@code [start, end)} in the original text. */
  public record Match(int start, int end, Term term) {}

  /** The folded form used for matching and for the unique key of a term. */
  public static String fold(String text) {
    return Folded.of(text).text;
  }

  public static List<Match> scan(String text, List<Term> terms) {
    if (text == null || text.isEmpty() || terms.isEmpty()) {
      return List.of();
    }
    Folded folded = Folded.of(text);
    List<Match> found = new ArrayList<>();
    for (Term term : terms) {
      String needle = term.folded();
      if (needle.isEmpty()) {
        continue;
      }
      int from = 0;
      while (true) {
        int at = folded.text.indexOf(needle, from);
        if (at < 0) {
          break;
        }
        int end = at + needle.length();
        if (boundary(folded.text, at - 1, needle.charAt(0))
            && boundary(folded.text, end, needle.charAt(needle.length() - 1))) {
          found.add(new Match(folded.origin[at], folded.originEnd[end - 1], term));
        }
        from = at + 1;
      }
    }
    // Longest first at each place; overlapping shorter matches drop out.
    found.sort(
        Comparator.comparingInt(Match::start)
            .thenComparing(Comparator.comparingInt((Match m) -> m.end() - m.start()).reversed()));
    List<Match> kept = new ArrayList<>();
    int reached = -1;
    for (Match m : found) {
      if (m.start() >= reached) {
        kept.add(m);
        reached = m.end();
      }
    }
    return kept;
  }

  /** The text with every REPLACE match replaced by its replacement (or ***). */
  public static String replace(String text, List<Match> matches) {
    return rewrite(text, matches, false);
  }

  /**
   * Every match replaced: REPLACE terms by their replacement, the others (BLOCK, APPROVE) by "***".
   * For words the customer wrote that are echoed back to them (an email's subject).
   */
  public static String mask(String text, List<Match> matches) {
    return rewrite(text, matches, true);
  }

  private static String rewrite(String text, List<Match> matches, boolean all) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Match m : matches) {
      if ((!all && m.term().action() != Action.REPLACE) || m.start() < at) {
        continue; // not to be replaced, or inside a match already replaced
      }
      out.append(text, at, m.start());
      String replacement = m.term().action() == Action.REPLACE ? m.term().replacement() : null;
      out.append(replacement == null || replacement.isBlank() ? "***" : replacement);
      at = m.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /** A Latin letter or digit next to a Latin term's end means the term is part of a word. */
  private static boolean boundary(String text, int index, char termEdge) {
    if (index < 0 || index >= text.length() || !isWordChar(termEdge)) {
      return true;
    }
    return !isWordChar(text.charAt(index));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c)
        && Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN
        && Character.UnicodeScript.of(c) != Character.UnicodeScript.HIRAGANA
        && Character.UnicodeScript.of(c) != Character.UnicodeScript.KATAKANA;
  }

  /** The folded text and, for each of its chars, where it came from in the original. */
  private static final class Folded {
    final String text;
    final int[] origin;
    final int[] originEnd;

    private Folded(String text, int[] origin, int[] originEnd) {
      this.text = text;
      this.origin = origin;
      this.originEnd = originEnd;
    }

    static Folded of(String original) {
      StringBuilder out = new StringBuilder(original.length());
      int[] origin = new int[original.length() * 4 + 4];
      int[] originEnd = new int[origin.length];
      int i = 0;
      while (i < original.length()) {
        int cp = original.codePointAt(i);
        int next = i + Character.charCount(cp);
        String piece =
            Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        for (int k = 0; k < piece.length(); k++) {
          if (out.length() >= origin.length) {
            origin = java.util.Arrays.copyOf(origin, origin.length * 2);
            originEnd = java.util.Arrays.copyOf(originEnd, originEnd.length * 2);
          }
          origin[out.length()] = i;
          originEnd[out.length()] = next;
          out.append(piece.charAt(k));
        }
        i = next;
      }
      return new Folded(out.toString(), origin, originEnd);
    }
  }
}
