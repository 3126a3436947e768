package io.parley.listening.sentiment;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chinese sentiment in VADER's manner: text folded (full-width to half-width, traditional to
 * simplified), segmented by HanLP's dictionary segmenter (longest match in a double-array trie,
 * with the lexicon's words kept whole; HanLP's default bigram Viterbi segmenter is half as fast and
 * gets one more of the 305 held-out evaluation posts right), each lexicon word scored with the
 * negators and degree adverbs before it in its clause, clauses before a contrast word (但是, 不过,
 * 可是...) weighed half and the clause after one and a half, praise inside a question damped, "!"
 * emphasis added, and the sum normalised as VADER does. Building it loads HanLP's dictionaries
 * (about a second); afterwards immutable and thread-safe (HanLP segmenters are).
 */
final class ChineseSentiment {

  private static final double NEGATION = -0.74;
  private static final double NEGATED_DEGREE = -0.5;
  private static final double QUESTION_PRAISE = 0.2;
  private static final double QUESTION_COMPLAINT = 0.8;
  private static final int WINDOW = 3;

  private static final Set<String> NEGATORS =
      Set.of(
          "不", "没", "没有", "别", "未", "无", "非", "不是", "不会", "不能", "不太", "不怎么", "从不", "从没", "从来不",
          "从来没", "毫无", "并不", "并没有", "并非", "绝不", "毫不", "无法", "木有", "甭");

  private static final Map<String, Double> DEGREES =
      Map.ofEntries(
          Map.entry("极其", 1.7),
          Map.entry("极", 1.6),
          Map.entry("最", 1.6),
          Map.entry("超级", 1.6),
          Map.entry("非常", 1.5),
          Map.entry("特别", 1.5),
          Map.entry("十分", 1.5),
          Map.entry("超", 1.5),
          Map.entry("太", 1.5),
          Map.entry("巨", 1.5),
          Map.entry("贼", 1.4),
          Map.entry("相当", 1.4),
          Map.entry("真", 1.3),
          Map.entry("真的", 1.3),
          Map.entry("实在", 1.3),
          Map.entry("很", 1.3),
          Map.entry("这么", 1.3),
          Map.entry("如此", 1.3),
          Map.entry("更", 1.3),
          Map.entry("越来越", 1.3),
          Map.entry("挺", 1.2),
          Map.entry("蛮", 1.2),
          Map.entry("那么", 1.2),
          Map.entry("比较", 0.8),
          Map.entry("还算", 0.7),
          Map.entry("有点", 0.6),
          Map.entry("有点儿", 0.6),
          Map.entry("有些", 0.6),
          Map.entry("略", 0.6),
          Map.entry("稍", 0.5),
          Map.entry("稍微", 0.5),
          Map.entry("稍稍", 0.5));

  private static final Set<String> CONTRASTS =
      Set.of("但是", "但", "不过", "可是", "然而", "只是", "却", "可惜", "没想到", "结果");

  /** Degree complements: "烫得厉害" is very hot, not "impressive". */
  private static final Set<String> COMPLEMENTS = Set.of("厉害", "要命", "要死", "不行", "很");

  private static final Set<String> CONCESSIONS = Set.of("虽然", "虽说", "尽管");

  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "吗", "呢", "么", "什么", "怎么", "怎样", "如何", "多少", "几", "哪", "哪里", "哪个", "是否", "能否", "有没有",
          "是不是", "多久", "请问");

  private final Lexicon lexicon;
  private final Lexicon latin;
  private final Segment segment;

  ChineseSentiment(Lexicon lexicon, Lexicon latin) {
    this.lexicon = lexicon;
    this.latin = latin;
    // keep lexicon and grammar words whole, whatever HanLP's own dictionary prefers
    DynamicCustomDictionary dictionary = new DynamicCustomDictionary();
    List<Iterable<String>> words =
        List.of(lexicon.entries(), NEGATORS, QUESTION_WORDS, CONTRASTS, DEGREES.keySet());
    for (Iterable<String> group : words) {
      for (String word : group) {
        if (word.length() > 1) {
          dictionary.insert(word);
        }
      }
    }
    // HanLP warns (in Chinese, at every start) that a user dictionary on a dictionary segmenter
    // is wasteful and dictionary files should be passed instead; the lexicon is built in memory,
    // so that warning is silenced for this one call.
    java.util.logging.Logger hanlp = com.hankcs.hanlp.utility.Predefine.logger;
    java.util.logging.Level level = hanlp.getLevel();
    hanlp.setLevel(java.util.logging.Level.SEVERE);
    try {
      this.segment =
          HanLP.newSegment("dat")
              .enableCustomDictionary(dictionary)
              .enableCustomDictionaryForcing(true)
              .enablePlaceRecognize(false)
              .enableOrganizationRecognize(false);
    } finally {
      hanlp.setLevel(level);
    }
    // HanLP loads its traditional-to-simplified table on first use: load it now, not on a post
    fold("載入");
  }

  static ChineseSentiment load(Lexicon latin) {
    return new ChineseSentiment(Lexicon.load("listening/sentiment/zh-lexicon.tsv"), latin);
  }

  /** Full-width to half-width (NFKC), traditional to simplified Chinese. */
  static String fold(String text) {
    return HanLP.convertToSimplifiedChinese(Normalizer.normalize(text, Normalizer.Form.NFKC));
  }

  /** The compound score in [-1, 1]. */
  double compound(String text) {
    String folded = fold(text);
    List<String> words = words(folded);
    List<List<String>> clauses = clauses(words);
    int lastContrast = -1;
    for (int c = 0; c < clauses.size(); c++) {
      if (!clauses.get(c).isEmpty() && CONTRASTS.contains(clauses.get(c).get(0))) {
        lastContrast = c;
      }
    }
    double sum = 0;
    for (int c = 0; c < clauses.size(); c++) {
      List<String> clause = clauses.get(c);
      double clauseSum = 0;
      for (int i = 0; i < clause.size(); i++) {
        clauseSum += valence(clause, i);
      }
      if (lastContrast >= 0) {
        clauseSum *= c < lastContrast ? 0.5 : 1.5;
      } else if (!clause.isEmpty() && CONCESSIONS.contains(clause.get(0))) {
        clauseSum *= 0.5;
      }
      if (isQuestion(clause)) {
        clauseSum *= clauseSum > 0 ? QUESTION_PRAISE : QUESTION_COMPLAINT;
      }
      sum += clauseSum;
    }
    double emphasis = EnglishSentiment.punctuationEmphasis(folded);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    return EnglishSentiment.normalize(sum);
  }

  /** The valence of word {@code i} with its negators and degree adverbs applied. */
  private double valence(List<String> clause, int i) {
    String word = clause.get(i);
    Double known = lexicon.valence(word);
    List<String> modifiers = new ArrayList<>(WINDOW + 1);
    if (i > 0 && COMPLEMENTS.contains(word) && clause.get(i - 1).endsWith("得")) {
      return 0;
    }
    if (known == null) {
      known = latin.valence(word.toLowerCase(Locale.ROOT));
    }
    if (known == null && word.length() > 1 && word.endsWith("得")) {
      known = lexicon.valence(word.substring(0, word.length() - 1));
      if (known != null && i + 1 < clause.size() && COMPLEMENTS.contains(clause.get(i + 1))) {
        known *= 1.5;
      }
    }
    if (known == null) {
      // HanLP may glue a modifier to a lexicon word ("太差" / "不卡"): split it off
      for (int split = 1; split < word.length() && known == null; split++) {
        String prefix = word.substring(0, split);
        Double rest = lexicon.valence(word.substring(split));
        if (rest != null && (NEGATORS.contains(prefix) || DEGREES.containsKey(prefix))) {
          known = rest;
          modifiers.add(prefix);
        }
      }
    }
    if (known == null || known == 0) {
      return 0;
    }
    // modifiers before the word, nearest first, until another lexicon word
    for (int j = i - 1; j >= 0 && i - j <= WINDOW; j--) {
      String before = clause.get(j);
      if (NEGATORS.contains(before) || DEGREES.containsKey(before)) {
        modifiers.add(before);
      } else if (lexicon.contains(before)) {
        break;
      }
    }
    double valence = known;
    int negations = 0;
    boolean degreeAfterNegation = false;
    // modifiers are nearest first: a degree adverb seen before any negator sits between the
    // negator and the word ("不太好"), which softens rather than strengthens
    boolean degreeSeen = false;
    for (String modifier : modifiers) {
      if (NEGATORS.contains(modifier)) {
        negations++;
        if (degreeSeen || modifier.equals("不太") || modifier.equals("不怎么")) {
          degreeAfterNegation = true;
        }
      } else {
        degreeSeen = true;
        valence *= DEGREES.get(modifier);
      }
    }
    if (negations % 2 == 1) {
      valence = degreeAfterNegation ? known * NEGATED_DEGREE : valence * NEGATION;
    }
    return valence;
  }

  private static boolean isQuestion(List<String> clause) {
    if (clause.isEmpty() || !clause.get(clause.size() - 1).equals("?")) {
      return false;
    }
    for (String word : clause) {
      if (QUESTION_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Words without spaces; each emoji a word of its own. */
  private List<String> words(String folded) {
    StringBuilder spaced = new StringBuilder(folded.length() + 16);
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
        continue;
      }
      if (EnglishSentiment.isEmoji(cp)) {
        spaced.append(' ').appendCodePoint(cp).append(' ');
      } else {
        spaced.appendCodePoint(cp);
      }
    }
    List<String> words = new ArrayList<>();
    for (String chunk : spaced.toString().split("\\s+")) {
      if (chunk.isEmpty()) {
        continue;
      }
      if (latin.contains(chunk.toLowerCase(Locale.ROOT)) && !hasHan(chunk)) {
        words.add(chunk); // an emoticon or emoji: keep it whole
        continue;
      }
      for (Term term : segment.seg(chunk)) {
        words.add(term.word);
      }
      words.add(" ");
    }
    return words;
  }

  /** Splits at punctuation and before contrast and concession words; punctuation "?" is kept. */
  private List<List<String>> clauses(List<String> words) {
    List<List<String>> clauses = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String word : words) {
      if (isBreak(word) && !latin.contains(word)) {
        if (word.contains("?")) {
          current.add("?");
        }
        if (!current.isEmpty()) {
          clauses.add(current);
          current = new ArrayList<>();
        }
      } else if (CONTRASTS.contains(word) || CONCESSIONS.contains(word)) {
        if (!current.isEmpty()) {
          clauses.add(current);
        }
        current = new ArrayList<>();
        current.add(word);
      } else {
        current.add(word);
      }
    }
    if (!current.isEmpty()) {
      clauses.add(current);
    }
    return clauses;
  }

  private static boolean isBreak(String word) {
    if (word.isBlank()) {
      return true;
    }
    for (int i = 0; i < word.length(); i++) {
      if (",.!?;:~…、。，！？；：\"'()[]".indexOf(word.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasHan(String text) {
    return text.codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
