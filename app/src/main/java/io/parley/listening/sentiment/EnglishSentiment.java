package io.parley.listening.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * VADER (Hutto &amp; Gilbert, ICWSM 2014), following the reference implementation
 * (cjhutto/vaderSentiment 3.3.2): lexicon valences, negation within three words, boosters and
 * dampeners, ALL-CAPS emphasis, the "but" rule, idioms, "!" and "?" emphasis and the compound
 * normalisation. Parley adds a customer-service overlay (single words and multi-word phrases such
 * as "doesn't work") and emoji valences. Immutable, thread-safe.
 */
final class EnglishSentiment {

  static final double B_INCR = 0.293;
  static final double B_DECR = -0.293;
  static final double C_INCR = 0.733;
  static final double N_SCALAR = -0.74;

  /** Parley: asking about something good ("are they good for running?") is not praise. */
  static final double QUESTION_PRAISE = 0.2;

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private static final Set<String> NEGATE =
      Set.of(
          "aint",
          "arent",
          "cannot",
          "cant",
          "couldnt",
          "darent",
          "didnt",
          "doesnt",
          "ain't",
          "aren't",
          "can't",
          "couldn't",
          "daren't",
          "didn't",
          "doesn't",
          "dont",
          "hadnt",
          "hasnt",
          "havent",
          "isnt",
          "mightnt",
          "mustnt",
          "neither",
          "don't",
          "hadn't",
          "hasn't",
          "haven't",
          "isn't",
          "mightn't",
          "mustn't",
          "neednt",
          "needn't",
          "never",
          "none",
          "nope",
          "nor",
          "not",
          "nothing",
          "nowhere",
          "oughtnt",
          "shant",
          "shouldnt",
          "uhuh",
          "wasnt",
          "werent",
          "oughtn't",
          "shan't",
          "shouldn't",
          "uh-uh",
          "wasn't",
          "weren't",
          "without",
          "wont",
          "wouldnt",
          "won't",
          "wouldn't",
          "rarely",
          "seldom",
          "despite");

  private static final Map<String, Double> BOOSTERS = boosters();

  private static final Map<String, Double> SPECIAL_CASES =
      Map.of(
          "the shit", 3.0,
          "the bomb", 3.0,
          "bad ass", 1.5,
          "badass", 1.5,
          "bus stop", 0.0,
          "yeah right", -2.0,
          "kiss of death", -1.5,
          "to die for", 3.0,
          "beating heart", 3.1,
          "broken heart", -2.9);

  private final Lexicon lexicon;

  EnglishSentiment(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  static EnglishSentiment load() {
    return new EnglishSentiment(
        Lexicon.load(
            "listening/sentiment/vader_lexicon.txt", "listening/sentiment/en-overlay.tsv"));
  }

  Lexicon lexicon() {
    return lexicon;
  }

  /** VADER's compound score in [-1, 1]. */
  double compound(String text) {
    Tokens tokens = tokenize(text);
    List<String> words = tokens.words();
    if (words.isEmpty()) {
      return 0.0;
    }
    List<String> lower = new ArrayList<>(words.size());
    for (String word : words) {
      lower.add(word.toLowerCase(Locale.ROOT));
    }
    boolean capDifferential = allCapDifferential(words);
    double[] sentiments = new double[words.size()];
    for (int i = 0; i < words.size(); i++) {
      String item = lower.get(i);
      if (BOOSTERS.containsKey(item)
          || (i < words.size() - 1 && item.equals("kind") && lower.get(i + 1).equals("of"))) {
        continue;
      }
      sentiments[i] = valence(words, lower, i, capDifferential, tokens.clauseStart());
      if (sentiments[i] > 0 && tokens.inQuestion()[i]) {
        sentiments[i] *= QUESTION_PRAISE;
      }
    }
    butCheck(lower, sentiments);
    return scoreValence(sentiments, text);
  }

  private double valence(
      List<String> words, List<String> lower, int i, boolean capDifferential, int[] clauseStart) {
    String item = lower.get(i);
    Double known = lexicon.valence(item);
    if (known == null) {
      return 0.0;
    }
    double valence = known;
    // "no" before a lexicon word negates that word rather than counting as negative itself
    if (item.equals("no") && i != words.size() - 1 && lexicon.contains(lower.get(i + 1))) {
      valence = 0.0;
    }
    if ((i > 0 && lower.get(i - 1).equals("no"))
        || (i > 1 && lower.get(i - 2).equals("no"))
        || (i > 2
            && lower.get(i - 3).equals("no")
            && (lower.get(i - 1).equals("or") || lower.get(i - 1).equals("nor")))) {
      valence = known * N_SCALAR;
    }
    if (capDifferential && isUpper(words.get(i))) {
      valence += valence > 0 ? C_INCR : -C_INCR;
    }
    for (int start = 0; start < 3; start++) {
      // Parley: negation and boosters do not reach across , . ; ! ? (VADER's do)
      if (i - (start + 1) >= clauseStart[i] && !lexicon.contains(lower.get(i - (start + 1)))) {
        double s = scalarIncDec(words.get(i - (start + 1)), valence, capDifferential);
        if (start == 1 && s != 0) {
          s *= 0.95;
        } else if (start == 2 && s != 0) {
          s *= 0.9;
        }
        valence += s;
        valence = negationCheck(valence, lower, start, i);
        if (start == 2) {
          valence = specialIdiomsCheck(valence, lower, i);
        }
      }
    }
    return leastCheck(valence, lower, i);
  }

  private static double negationCheck(double valence, List<String> lower, int start, int i) {
    String before = lower.get(i - (start + 1));
    if (start == 0) {
      return negated(before) ? valence * N_SCALAR : valence;
    }
    if (start == 1) {
      if (lower.get(i - 2).equals("never")
          && (lower.get(i - 1).equals("so") || lower.get(i - 1).equals("this"))) {
        return valence * 1.25;
      }
      if (lower.get(i - 2).equals("without") && lower.get(i - 1).equals("doubt")) {
        return valence;
      }
      return negated(before) ? valence * N_SCALAR : valence;
    }
    if ((lower.get(i - 3).equals("never")
            && (lower.get(i - 2).equals("so") || lower.get(i - 2).equals("this")))
        || lower.get(i - 1).equals("so")
        || lower.get(i - 1).equals("this")) {
      return valence * 1.25;
    }
    if (lower.get(i - 3).equals("without")
        && (lower.get(i - 2).equals("doubt") || lower.get(i - 1).equals("doubt"))) {
      return valence;
    }
    return negated(before) ? valence * N_SCALAR : valence;
  }

  private static double specialIdiomsCheck(double valence, List<String> lower, int i) {
    String oneZero = lower.get(i - 1) + " " + lower.get(i);
    String twoOneZero = lower.get(i - 2) + " " + oneZero;
    String twoOne = lower.get(i - 2) + " " + lower.get(i - 1);
    String threeTwoOne = lower.get(i - 3) + " " + twoOne;
    String threeTwo = lower.get(i - 3) + " " + lower.get(i - 2);
    for (String sequence : List.of(oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo)) {
      Double special = SPECIAL_CASES.get(sequence);
      if (special != null) {
        valence = special;
        break;
      }
    }
    if (lower.size() - 1 > i) {
      Double special = SPECIAL_CASES.get(lower.get(i) + " " + lower.get(i + 1));
      if (special != null) {
        valence = special;
      }
    }
    if (lower.size() - 1 > i + 1) {
      Double special =
          SPECIAL_CASES.get(lower.get(i) + " " + lower.get(i + 1) + " " + lower.get(i + 2));
      if (special != null) {
        valence = special;
      }
    }
    if (BOOSTERS.containsKey(threeTwo) || BOOSTERS.containsKey(twoOne)) {
      valence += B_DECR;
    }
    return valence;
  }

  private double leastCheck(double valence, List<String> lower, int i) {
    if (i > 1 && lower.get(i - 1).equals("least") && !lexicon.contains("least")) {
      if (!lower.get(i - 2).equals("at") && !lower.get(i - 2).equals("very")) {
        return valence * N_SCALAR;
      }
    } else if (i > 0 && lower.get(i - 1).equals("least") && !lexicon.contains("least")) {
      return valence * N_SCALAR;
    }
    return valence;
  }

  private static void butCheck(List<String> lower, double[] sentiments) {
    int but = lower.indexOf("but");
    if (but < 0) {
      return;
    }
    for (int i = 0; i < sentiments.length; i++) {
      if (i < but) {
        sentiments[i] *= 0.5;
      } else if (i > but) {
        sentiments[i] *= 1.5;
      }
    }
  }

  private static double scoreValence(double[] sentiments, String text) {
    double sum = 0;
    for (double s : sentiments) {
      sum += s;
    }
    double emphasis = punctuationEmphasis(text);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    return normalize(sum);
  }

  /** Emphasis from "!" (up to four) and from two or more "?". */
  static double punctuationEmphasis(String text) {
    int exclamations = 0;
    int questions = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '!' || c == '！') {
        exclamations++;
      } else if (c == '?' || c == '？') {
        questions++;
      }
    }
    double amplifier = Math.min(exclamations, 4) * 0.292;
    if (questions > 1) {
      amplifier += questions <= 3 ? questions * 0.18 : 0.96;
    }
    return amplifier;
  }

  /** VADER's normalisation of a valence sum into [-1, 1] (alpha 15). */
  static double normalize(double score) {
    double normalized = score / Math.sqrt(score * score + 15);
    return Math.max(-1.0, Math.min(1.0, normalized));
  }

  private static double scalarIncDec(String word, double valence, boolean capDifferential) {
    Double booster = BOOSTERS.get(word.toLowerCase(Locale.ROOT));
    if (booster == null) {
      return 0.0;
    }
    double scalar = valence < 0 ? -booster : booster;
    if (capDifferential && isUpper(word)) {
      scalar += valence > 0 ? C_INCR : -C_INCR;
    }
    return scalar;
  }

  private static boolean negated(String lowerWord) {
    // a merged overlay phrase ("doesn't work") carries its own valence and negates nothing after it
    return !lowerWord.contains(" ") && (NEGATE.contains(lowerWord) || lowerWord.contains("n't"));
  }

  /** True when some but not all words are ALL CAPS. */
  private static boolean allCapDifferential(List<String> words) {
    int upper = 0;
    for (String word : words) {
      if (isUpper(word)) {
        upper++;
      }
    }
    int differential = words.size() - upper;
    return differential > 0 && differential < words.size();
  }

  /** Python's str.isupper(): at least one cased letter and no lower-case letter. */
  static boolean isUpper(String word) {
    boolean cased = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      if (Character.isUpperCase(c)) {
        cased = true;
      }
    }
    return cased;
  }

  /** Words with, for each, where its clause starts and whether its sentence is a question. */
  record Tokens(List<String> words, int[] clauseStart, boolean[] inQuestion) {}

  /**
   * Splits on white space, keeps emoticons, strips surrounding punctuation from words, puts every
   * emoji in a token of its own, and merges overlay phrases ("can't connect") into one token.
   */
  Tokens tokenize(String text) {
    StringBuilder spaced = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
        continue; // emoji presentation selector, joiner and skin tones carry no sentiment
      }
      if (cp == '\u2019' || cp == '\u2018') {
        spaced.append('\'');
      } else if (isEmoji(cp)) {
        spaced.append(' ').appendCodePoint(cp).append(' ');
      } else {
        spaced.appendCodePoint(cp);
      }
    }
    List<String> tokens = new ArrayList<>();
    List<Character> ends = new ArrayList<>();
    for (String token : spaced.toString().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      char last = token.charAt(token.length() - 1);
      char end = ",.;:!?".indexOf(last) >= 0 ? last : ' ';
      String lower = token.toLowerCase(Locale.ROOT);
      if (lexicon.contains(lower)) {
        tokens.add(token);
        ends.add(' ');
        continue;
      }
      String stripped = strip(token);
      if (!stripped.isEmpty()) {
        tokens.add(stripped);
        ends.add(end);
      } else if (end != ' ' && !ends.isEmpty()) {
        ends.set(ends.size() - 1, end);
      }
    }
    return mergePhrases(tokens, ends);
  }

  private Tokens mergePhrases(List<String> tokens, List<Character> ends) {
    List<String> merged = new ArrayList<>(tokens.size());
    List<Character> mergedEnds = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      int taken = 1;
      int longest = lexicon.longestPhraseFrom(tokens.get(i).toLowerCase(Locale.ROOT));
      for (int n = Math.min(longest, tokens.size() - i); n >= 2; n--) {
        String phrase = String.join(" ", tokens.subList(i, i + n));
        if (lexicon.contains(phrase.toLowerCase(Locale.ROOT))
            && ends.subList(i, i + n - 1).stream().allMatch(e -> e == ' ')) {
          merged.add(phrase);
          taken = n;
          break;
        }
      }
      if (taken == 1) {
        merged.add(tokens.get(i));
      }
      mergedEnds.add(ends.get(i + taken - 1));
      i += taken;
    }
    int size = merged.size();
    int[] clauseStart = new int[size];
    boolean[] inQuestion = new boolean[size];
    int start = 0;
    int sentenceStart = 0;
    for (int t = 0; t < size; t++) {
      clauseStart[t] = start;
      char end = mergedEnds.get(t);
      if (end != ' ') {
        start = t + 1;
      }
      if (end == '.' || end == '!' || end == '?' || t == size - 1) {
        boolean question = end == '?';
        for (int q = sentenceStart; q <= t; q++) {
          inQuestion[q] = question;
        }
        sentenceStart = t + 1;
      }
    }
    return new Tokens(merged, clauseStart, inQuestion);
  }

  private static String strip(String token) {
    int start = 0;
    int end = token.length();
    while (start < end && PUNCTUATION.indexOf(token.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return token.substring(start, end);
  }

  static boolean isEmoji(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF)
        || (cp >= 0x2600 && cp <= 0x27BF)
        || (cp >= 0x2B00 && cp <= 0x2BFF);
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> boosters = new java.util.HashMap<>();
    for (String word :
        List.of(
            "absolutely",
            "amazingly",
            "awfully",
            "completely",
            "considerable",
            "considerably",
            "decidedly",
            "deeply",
            "effing",
            "enormous",
            "enormously",
            "entirely",
            "especially",
            "exceptional",
            "exceptionally",
            "extreme",
            "extremely",
            "fabulously",
            "flipping",
            "flippin",
            "frackin",
            "fracking",
            "fricking",
            "frickin",
            "frigging",
            "friggin",
            "fully",
            "fuckin",
            "fucking",
            "fuggin",
            "fugging",
            "greatly",
            "hella",
            "highly",
            "hugely",
            "incredible",
            "incredibly",
            "intensely",
            "major",
            "majorly",
            "more",
            "most",
            "particularly",
            "purely",
            "quite",
            "really",
            "remarkably",
            "so",
            "substantially",
            "thoroughly",
            "total",
            "totally",
            "tremendous",
            "tremendously",
            "uber",
            "unbelievably",
            "unusually",
            "utter",
            "utterly",
            "very")) {
      boosters.put(word, B_INCR);
    }
    for (String word :
        List.of(
            "almost",
            "barely",
            "hardly",
            "just enough",
            "kind of",
            "kinda",
            "kindof",
            "kind-of",
            "less",
            "little",
            "marginal",
            "marginally",
            "occasional",
            "occasionally",
            "partly",
            "scarce",
            "scarcely",
            "slight",
            "slightly",
            "somewhat",
            "sort of",
            "sorta",
            "sortof",
            "sort-of")) {
      boosters.put(word, B_DECR);
    }
    return Map.copyOf(boosters);
  }
}
