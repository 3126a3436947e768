package io.parley.listening;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A listening rule's query, as admins type it: words and "quoted phrases", {@code AND} (or just a
 * space), {@code OR}, {@code NOT}, parentheses and {@code NEAR/n(a, b)} (a and b at most n words
 * apart, either order; a CJK character counts as a word). Operators are upper case; anything else
 * is a term, compared after {@link TextFolding}. Full-width （ ） ， ＂ ／ read as ( ) , " /. Example:
 * {@code ("无法连接" OR "can't connect") AND (bluetooth OR 蓝牙) NOT refund}.
 */
public final class RuleQuery {

  /** Longest query accepted. */
  public static final int MAX_LENGTH = 4000;

  /** Most terms in one query. */
  public static final int MAX_TERMS = 200;

  /** Largest n of {@code NEAR/n}. */
  public static final int MAX_NEAR = 50;

  /** A part of a query. */
  public sealed interface Node permits Term, And, Or, Not, Near {}

  /** A word or phrase: its folded tokens, matched as a contiguous sequence. */
  public record Term(String text, List<String> tokens) implements Node {
    @Override
    public String toString() {
      return tokens.size() == 1 && text.indexOf(' ') < 0 && text.indexOf('"') < 0
          ? text
          : "\"" + text + "\"";
    }
  }

  public record And(List<Node> parts) implements Node {
    @Override
    public String toString() {
      return "(" + parts.stream().map(String::valueOf).collect(Collectors.joining(" AND ")) + ")";
    }
  }

  public record Or(List<Node> parts) implements Node {
    @Override
    public String toString() {
      return "(" + parts.stream().map(String::valueOf).collect(Collectors.joining(" OR ")) + ")";
    }
  }

  public record Not(Node part) implements Node {
    @Override
    public String toString() {
      return "NOT " + part;
    }
  }

  public record Near(int distance, Term left, Term right) implements Node {
    @Override
    public String toString() {
      return "NEAR/" + distance + "(" + left + ", " + right + ")";
    }
  }

  private final String source;
  private final Node root;

  private RuleQuery(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  public String source() {
    return source;
  }

  public Node root() {
    return root;
  }

  /** Every term of the query, negated ones included. */
  public List<Term> terms() {
    List<Term> terms = new ArrayList<>();
    collect(root, terms);
    return terms;
  }

  private static void collect(Node node, List<Term> into) {
    if (node instanceof Term t) {
      into.add(t);
    } else if (node instanceof And a) {
      a.parts().forEach(p -> collect(p, into));
    } else if (node instanceof Or o) {
      o.parts().forEach(p -> collect(p, into));
    } else if (node instanceof Not n) {
      collect(n.part(), into);
    } else if (node instanceof Near n) {
      into.add(n.left());
      into.add(n.right());
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }

  /**
   * Reads a query; throws {@link RuleSyntaxException} with the position and reason of the first
   * problem.
   */
  public static RuleQuery parse(String text) {
    return parse(text, false);
  }

  /**
   * Reads a list of exclusions, of which any one present is enough: terms side by side (or
   * separated by commas) are alternatives, {@code x12 buds} reads as {@code x12 OR buds}. Inside
   * parentheses, and around an explicit {@code AND}, the query syntax is unchanged: {@code (acme
   * jobs)} and {@code acme AND jobs} need both words.
   */
  public static RuleQuery parseAnyOf(String text) {
    return parse(text, true);
  }

  private static RuleQuery parse(String text, boolean anyOf) {
    if (text == null || text.isBlank()) {
      throw new RuleSyntaxException(0, "empty", "The query is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new RuleSyntaxException(MAX_LENGTH, "tooLong", "The query is too long");
    }
    Parser parser = new Parser(text, anyOf);
    Node root = parser.query();
    if (!hasPositive(root)) {
      throw new RuleSyntaxException(
          0, "onlyNegative", "The query needs at least one term that must be present");
    }
    if (parser.terms > MAX_TERMS) {
      throw new RuleSyntaxException(0, "tooManyTerms", "The query has too many terms");
    }
    return new RuleQuery(text, root);
  }

  /**
   * Whether the node needs some term present to match (a query that does not would match every
   * post). Terms under NOT do not count.
   */
  private static boolean hasPositive(Node node) {
    if (node instanceof Not) {
      return false;
    }
    if (node instanceof And a) {
      return a.parts().stream().anyMatch(RuleQuery::hasPositive);
    }
    if (node instanceof Or o) {
      return o.parts().stream().allMatch(RuleQuery::hasPositive);
    }
    return true;
  }

  private static final class Parser {
    private final String in;
    private final boolean anyOf;
    private int pos;
    private int depth;
    private boolean inNear;
    int terms;

    Parser(String in, boolean anyOf) {
      this.in = halfWidthPunctuation(in);
      this.anyOf = anyOf;
    }

    /**
     * The query with the full-width brackets and slash, as Chinese input methods type them,
     * replaced by their half-width forms: （a OR b） reads as (a OR b), NEAR／3 as NEAR/3. One
     * character for one, so error positions still point into what the admin typed. The full-width
     * comma and quote are read where the syntax expects them instead ({@link #isComma}, {@link
     * #term}): elsewhere they stay what they always were, part of a term (a rule saved as 屏幕，闪烁
     * reads as it did, and a ＂ inside a quoted phrase does not end it).
     */
    private static String halfWidthPunctuation(String text) {
      char[] chars = text.toCharArray();
      for (int i = 0; i < chars.length; i++) {
        chars[i] =
            switch (chars[i]) {
              case '（' -> '(';
              case '）' -> ')';
              case '／' -> '/';
              default -> chars[i];
            };
      }
      return new String(chars);
    }

    /**
     * A comma here: the half-width one anywhere, the full-width one where a comma separates
     * (between NEAR's terms, between exclusions).
     */
    private boolean isComma(char c) {
      return c == ',' || (c == '，' && (inNear || listOfAlternatives()));
    }

    Node query() {
      Node node = or();
      skipSpace();
      if (pos < in.length()) {
        if (in.charAt(pos) == ')') {
          throw error("unexpectedClose", "A closing parenthesis without an opening one");
        }
        throw error("unexpected", "Unexpected text");
      }
      return node;
    }

    private Node or() {
      List<Node> parts = new ArrayList<>();
      parts.add(and());
      while (true) {
        if (!operator("OR", "OR needs a term on both sides")) {
          if (!listOfAlternatives() || pos >= in.length() || in.charAt(pos) == ')') {
            break;
          }
          // a space or a comma between exclusions: another alternative
          if (isComma(in.charAt(pos))) {
            pos++;
            skipSpace();
            if (pos >= in.length() || isComma(in.charAt(pos))) {
              throw error("missingOperand", "A comma needs a term on both sides");
            }
          }
        }
        parts.add(and());
      }
      return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
    }

    private Node and() {
      List<Node> parts = new ArrayList<>();
      parts.add(unary());
      while (true) {
        skipSpace();
        if (pos >= in.length() || in.charAt(pos) == ')' || keyword("OR")) {
          break;
        }
        if (!operator("AND", "AND needs a term on both sides")
            && listOfAlternatives()
            && !keyword("NOT")) {
          break; // the next exclusion (one with NOT after it keeps it: "jobs NOT acme")
        }
        parts.add(unary());
      }
      return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
    }

    private Node unary() {
      skipSpace();
      if (operator("NOT", "NOT needs a term after it")) {
        return new Not(unary());
      }
      return primary();
    }

    private Node primary() {
      skipSpace();
      if (pos >= in.length()) {
        throw error("missingOperand", "A term is missing at the end");
      }
      char c = in.charAt(pos);
      if (c == '(') {
        int open = pos;
        pos++;
        depth++;
        skipSpace();
        if (pos < in.length() && in.charAt(pos) == ')') {
          throw error("emptyGroup", "Empty parentheses");
        }
        Node inner = or();
        skipSpace();
        if (pos >= in.length() || in.charAt(pos) != ')') {
          pos = open;
          throw error("unclosedGroup", "This parenthesis is never closed");
        }
        pos++;
        depth--;
        return inner;
      }
      if (c == ')') {
        throw error("missingOperand", "A term is missing before the closing parenthesis");
      }
      if (in.startsWith("NEAR/", pos)) {
        return near();
      }
      if (keyword("NEAR")) {
        throw error("nearNoDistance", "NEAR needs a distance: NEAR/3(screen, flicker)");
      }
      if (isComma(c) && listOfAlternatives()) {
        throw error("missingOperand", "A comma needs a term on both sides");
      }
      if (c == ',') {
        throw error("strayComma", "Commas only separate the two terms of NEAR/n(a, b)");
      }
      if (keyword("AND") || keyword("OR")) {
        throw error("missingOperand", "An operator has no term before it");
      }
      return term();
    }

    private Node near() {
      int start = pos;
      pos += 5;
      int digits = pos;
      while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
        pos++;
      }
      if (pos == digits) {
        throw error("nearDistance", "NEAR/ needs a number of words, e.g. NEAR/3");
      }
      int distance;
      try {
        distance = Integer.parseInt(in.substring(digits, pos));
      } catch (NumberFormatException e) {
        distance = Integer.MAX_VALUE;
      }
      if (distance < 1 || distance > MAX_NEAR) {
        pos = digits;
        throw error("nearDistance", "NEAR/n takes n from 1 to " + MAX_NEAR);
      }
      skipSpace();
      if (pos >= in.length() || in.charAt(pos) != '(') {
        throw error("nearSyntax", "NEAR/n is written NEAR/n(word, word)");
      }
      pos++;
      inNear = true;
      Term left = nearTerm();
      skipSpace();
      if (pos >= in.length() || !isComma(in.charAt(pos))) {
        throw error("nearSyntax", "NEAR/n is written NEAR/n(word, word)");
      }
      pos++;
      Term right = nearTerm();
      inNear = false;
      skipSpace();
      if (pos >= in.length() || in.charAt(pos) != ')') {
        if (pos >= in.length()) {
          pos = start;
        }
        throw error("nearSyntax", "NEAR/n is written NEAR/n(word, word)");
      }
      pos++;
      return new Near(distance, left, right);
    }

    private Term nearTerm() {
      skipSpace();
      if (pos >= in.length() || isComma(in.charAt(pos)) || in.charAt(pos) == ')') {
        throw error("nearSyntax", "NEAR/n is written NEAR/n(word, word)");
      }
      if (in.charAt(pos) == '(') {
        throw error("nearSyntax", "NEAR/n takes two words or phrases, not groups");
      }
      return term();
    }

    private Term term() {
      int start = pos;
      String text;
      char open = in.charAt(pos);
      if (open == '"' || open == '“' || open == '＂') {
        char close = open == '“' ? '”' : open;
        int end = in.indexOf(close, pos + 1);
        if (end < 0) {
          throw error("unclosedQuote", "This quote is never closed");
        }
        text = in.substring(pos + 1, end);
        pos = end + 1;
      } else {
        while (pos < in.length() && !isDelimiter(in.charAt(pos)) && !isComma(in.charAt(pos))) {
          pos++;
        }
        text = in.substring(start, pos);
      }
      List<String> tokens = TextFolding.tokens(text);
      if (tokens.isEmpty()) {
        pos = start;
        throw error("noWords", "This term has no letters, digits or characters to match");
      }
      terms++;
      return new Term(text.strip(), List.copyOf(tokens));
    }

    private static boolean isDelimiter(char c) {
      return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"' || c == ',';
    }

    private boolean keyword(String word) {
      skipSpace();
      if (!in.startsWith(word, pos)) {
        return false;
      }
      int end = pos + word.length();
      return end == in.length() || isDelimiter(in.charAt(end));
    }

    /**
     * Reads the operator {@code word} if it comes next; one with no term after it is an error
     * ({@code detail}) at the operator.
     */
    private boolean operator(String word, String detail) {
      if (!keyword(word)) {
        return false;
      }
      int at = pos;
      pos += word.length();
      if (atEndOfOperand()) {
        pos = at;
        throw error("missingOperand", detail);
      }
      return true;
    }

    /** After an operator: nothing more, or a closing parenthesis, or another binary operator. */
    private boolean atEndOfOperand() {
      int save = pos;
      skipSpace();
      boolean end = pos >= in.length() || in.charAt(pos) == ')' || keyword("AND") || keyword("OR");
      pos = save;
      return end;
    }

    /** Whether, here, terms side by side are alternatives rather than all needed. */
    private boolean listOfAlternatives() {
      return anyOf && depth == 0;
    }

    private void skipSpace() {
      while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
        pos++;
      }
    }

    private RuleSyntaxException error(String reason, String detail) {
      return new RuleSyntaxException(Math.min(pos, in.length()), reason, detail);
    }
  }
}
