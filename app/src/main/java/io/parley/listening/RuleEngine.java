package io.parley.listening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All listening rules compiled into one Aho-Corasick automaton over tokens (whole Latin words,
 * single CJK characters): a post is folded and scanned once, character by character through one
 * lookup table, and only the rules whose two most selective required clauses both hold for the
 * terms found (a product name and one of its issue words, say) are evaluated as boolean queries, so
 * that a popular product does not wake every rule naming it. Immutable and thread-safe: a reload
 * compiles a new engine and swaps the reference, so matching never pauses.
 *
 * <p>Hand-written rather than built on a general automaton library because this is the hot path of
 * every inbound post: folding, tokenizing and matching happen in one pass without building strings,
 * and Latin words are looked up whole (so word boundaries cost nothing). The bench module measures
 * it against AhoCorasickDoubleArrayTrie, Lucene Monitor and String.contains.
 */
public final class RuleEngine {

  public static final RuleEngine EMPTY = compile(List.of());

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final int MAX_WORD = 128;
  private static final int CHUNK = 1024;
  private static final int CJK_CODE = 0x10000;
  private static final long[] NONE = new long[0];
  private static final int MAX_CLAUSES = 4;
  private static final int MAX_PAIRS = 64;

  // Tokens to symbols.
  private final long[] wordKeys;
  private final int[] wordSymbols;
  private final char[][] wordText;
  private final int wordMask;
  // Per character of the text: 0 a separator, -1 a character folding to several, 1..0xFFFF a
  // letter or digit of a spaced script (folded), CJK_CODE + symbol a CJK character.
  private final int[] codes;

  // The automaton: root transitions dense, the others in an open-addressing table.
  private final int[] rootNext;
  private final long[] transKeys;
  private final int[] transValues;
  private final int transMask;
  private final int[] fail;
  // Per state, what it finds: for each pattern three ints, the pattern, its length in tokens
  // times two plus one if a NEAR needs its positions, and where its rules are in the plan.
  private final int[][] outputs;

  // Patterns (distinct terms) and rules.
  // Which rules a term found wakes, all patterns in one array: from plan[start of p], the count
  // of rules woken by p alone and those rules; then the count of p's partners (terms whose
  // presence with p wakes rules), the partners, for partner i the offset of its rules (offsets
  // i and i + 1 bound them), and the rules. pairKeys / pairValues find a partner's offset.
  private final int[] plan;
  // Rules whose query needs no term: the parser refuses them, but should one come, it is
  // evaluated on every post rather than never.
  private final int[] always;
  private final long[] pairKeys;
  private final int[] pairValues;
  private final int pairMask;
  private final Rule[] rules;
  private final int patternCount;

  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(this));

  /** Compiles rules; {@code rules} are already parsed, so this cannot fail on their syntax. */
  public static RuleEngine compile(Collection<RuleSpec> specs) {
    return new Builder(specs).build();
  }

  /** How many rules. */
  public int size() {
    return rules.length;
  }

  /** How many distinct terms the automaton looks for. */
  public int terms() {
    return patternCount;
  }

  /** The ids of the rules matching this post, in the order they were given; empty if none. */
  public long[] match(Post post) {
    Scratch s = scratch.get();
    s.begin();
    scan(post.text(), s);
    int found = 0;
    for (int r : always) {
      found = evaluate(r, post, s, found);
    }
    if (s.hitCount == 0 && found == 0) {
      return NONE;
    }
    int hitCount = s.hitCount;
    int[] hits = s.hits;
    final int[] plan = this.plan;
    for (int h = 0; h < hitCount; h++) {
      int a = hits[h];
      int at = s.hitPlans[h];
      int singles = plan[at];
      for (int k = at + 1; k <= at + singles; k++) {
        found = evaluate(plan[k], post, s, found);
      }
      at += singles + 1;
      int partners = plan[at];
      if (partners == 0) {
        continue;
      }
      if (partners <= hitCount) {
        // Few partners: check each one's presence.
        int offsets = at + 1 + partners;
        for (int i = 0; i < partners; i++) {
          if (s.patternStamp[plan[at + 1 + i]] == s.gen) {
            for (int k = plan[offsets + i], end = plan[offsets + i + 1]; k < end; k++) {
              found = evaluate(plan[k], post, s, found);
            }
          }
        }
      } else {
        // Many partners (a popular product): look up the terms found instead.
        for (int j = 0; j < hitCount; j++) {
          int offset = pairOffset(a, hits[j]);
          if (offset >= 0) {
            for (int k = plan[offset], end = plan[offset + 1]; k < end; k++) {
              found = evaluate(plan[k], post, s, found);
            }
          }
        }
      }
    }
    if (found == 0) {
      return NONE;
    }
    Arrays.sort(s.matched, 0, found);
    long[] ids = new long[found];
    for (int i = 0; i < found; i++) {
      ids[i] = rules[s.matched[i]].id;
    }
    return ids;
  }

  /** Evaluates a candidate rule once per post; returns the new count of matched rules. */
  private int evaluate(int r, Post post, Scratch s, int found) {
    if (s.ruleStamp[r] == s.gen) {
      return found;
    }
    s.ruleStamp[r] = s.gen;
    Rule rule = rules[r];
    if (rule.accepts(post)
        && rule.query.eval(s)
        && (rule.exclusions == null || !rule.exclusions.eval(s))) {
      s.matched[found++] = r;
    }
    return found;
  }

  /** Where the offset of the rules of pattern a with partner b is in the plan, or -1. */
  private int pairOffset(int a, int b) {
    long key = ((long) (a + 1) << 32) | b;
    int slot = (int) mix(key) & pairMask;
    while (true) {
      long k = pairKeys[slot];
      if (k == key) {
        return pairValues[slot];
      }
      if (k == 0) {
        return -1;
      }
      slot = (slot + 1) & pairMask;
    }
  }

  /** How many distinct terms of any rule occur in the text (the automaton alone, no rules). */
  public int countTerms(String text) {
    Scratch s = scratch.get();
    s.begin();
    scan(text, s);
    return s.hitCount;
  }

  private void scan(String text, Scratch s) {
    if (text == null) {
      return;
    }
    if (!scan(text, s, false)) {
      // A character folding to several (a ligature, "㈱"): normalize the whole text, scan again.
      s.begin();
      scan(TextFolding.foldNormalized(Normalizer.normalize(text, Normalizer.Form.NFKC)), s, true);
    }
  }

  /** One pass; false if a character needs whole-text normalization first. */
  private boolean scan(String text, Scratch s, boolean normalized) {
    final int[] codes = this.codes;
    final char[] word = s.word;
    final char[] chunk = s.chunk;
    int state = 0;
    int pos = 0;
    int length = 0;
    long hash = FNV_OFFSET;
    int n = text.length();
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      text.getChars(from, to, chunk, 0);
      for (int i = 0, end = to - from; i < end; i++) {
        int code = codes[chunk[i]];
        if (code > 0 && code < CJK_CODE) {
          // A letter or digit of a spaced script: the code is the folded character.
          if (length < MAX_WORD) {
            word[length] = (char) code;
          }
          length++;
          hash = (hash ^ code) * FNV_PRIME;
          continue;
        }
        if (length > 0) {
          state = step(state, wordSymbol(hash, word, length), pos++, s);
          length = 0;
          hash = FNV_OFFSET;
        }
        if (code >= CJK_CODE) {
          state = step(state, code - CJK_CODE, pos++, s);
        } else if (code < 0 && !normalized) {
          return false;
        }
      }
    }
    if (length > 0) {
      step(state, wordSymbol(hash, word, length), pos, s);
    }
    return true;
  }

  private int wordSymbol(long hash, char[] word, int length) {
    if (length > MAX_WORD) {
      return 0;
    }
    long key = hash == 0 ? 1 : hash;
    int slot = (int) mix(key) & wordMask;
    while (true) {
      long k = wordKeys[slot];
      if (k == 0) {
        return 0;
      }
      if (k == key) {
        char[] expected = wordText[slot];
        if (expected.length == length && same(expected, word, length)) {
          return wordSymbols[slot];
        }
      }
      slot = (slot + 1) & wordMask;
    }
  }

  private static boolean same(char[] expected, char[] word, int length) {
    for (int i = 0; i < length; i++) {
      if (expected[i] != word[i]) {
        return false;
      }
    }
    return true;
  }

  private int step(int state, int symbol, int pos, Scratch s) {
    if (symbol == 0) {
      return 0;
    }
    int next;
    while (true) {
      next = state == 0 ? rootNext[symbol] : transition(state, symbol);
      if (next > 0 || state == 0) {
        break;
      }
      state = fail[state];
    }
    int[] out = outputs[next];
    if (out != null) {
      for (int i = 0; i < out.length; i += 3) {
        int info = out[i + 1];
        s.hit(out[i], pos - (info >>> 1) + 1, pos, (info & 1) != 0, out[i + 2]);
      }
    }
    return next;
  }

  private int transition(int state, int symbol) {
    long key = ((long) state << 32) | symbol;
    int slot = (int) mix(key) & transMask;
    while (true) {
      long k = transKeys[slot];
      if (k == key) {
        return transValues[slot];
      }
      if (k == 0) {
        return 0;
      }
      slot = (slot + 1) & transMask;
    }
  }

  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  private RuleEngine(Builder b) {
    this.wordKeys = b.wordKeys;
    this.wordSymbols = b.wordSymbolsTable;
    this.wordText = b.wordTextTable;
    this.wordMask = b.wordKeys.length - 1;
    this.codes = b.codes();
    this.rootNext = b.rootNext;
    this.transKeys = b.transKeys;
    this.transValues = b.transValues;
    this.transMask = b.transKeys.length - 1;
    this.fail = b.fail;
    this.outputs = b.outputs;
    this.plan = b.plan;
    this.always = b.always;
    this.pairKeys = b.pairKeys;
    this.pairValues = b.pairValues;
    this.pairMask = b.pairKeys.length - 1;
    this.rules = b.compiledRules;
    this.patternCount = b.patternLength.length;
  }

  /** Per-thread working memory of one engine; stamps avoid clearing arrays between posts. */
  private static final class Scratch {
    final RuleEngine engine;
    final int[] patternStamp;
    final int[] ruleStamp;
    final int[] matched;
    final char[] word = new char[MAX_WORD];
    final char[] chunk = new char[CHUNK];
    int gen;
    int[] hits = new int[16];
    int[] hitPlans = new int[16];
    int hitCount;
    int[] near = new int[48];
    int nearCount;

    Scratch(RuleEngine engine) {
      this.engine = engine;
      this.patternStamp = new int[engine.patternCount];
      this.ruleStamp = new int[engine.rules.length];
      this.matched = new int[engine.rules.length];
    }

    void begin() {
      if (++gen == Integer.MAX_VALUE) {
        Arrays.fill(patternStamp, 0);
        Arrays.fill(ruleStamp, 0);
        gen = 1;
      }
      hitCount = 0;
      nearCount = 0;
    }

    void hit(int pattern, int start, int end, boolean positions, int plan) {
      if (patternStamp[pattern] != gen) {
        patternStamp[pattern] = gen;
        if (hitCount == hits.length) {
          hits = Arrays.copyOf(hits, hitCount * 2);
          hitPlans = Arrays.copyOf(hitPlans, hitCount * 2);
        }
        hitPlans[hitCount] = plan;
        hits[hitCount++] = pattern;
      }
      if (positions) {
        if (nearCount + 3 > near.length) {
          near = Arrays.copyOf(near, near.length * 2);
        }
        near[nearCount++] = pattern;
        near[nearCount++] = start;
        near[nearCount++] = end;
      }
    }

    boolean present(int pattern) {
      return patternStamp[pattern] == gen;
    }
  }

  /** A compiled query node. */
  private abstract static class Cond {
    abstract boolean eval(Scratch s);
  }

  private static final class TermCond extends Cond {
    final int pattern;

    TermCond(int pattern) {
      this.pattern = pattern;
    }

    @Override
    boolean eval(Scratch s) {
      return s.present(pattern);
    }
  }

  private static final class AndCond extends Cond {
    final Cond[] parts;

    AndCond(Cond[] parts) {
      this.parts = parts;
    }

    @Override
    boolean eval(Scratch s) {
      for (Cond c : parts) {
        if (!c.eval(s)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final class OrCond extends Cond {
    final Cond[] parts;

    OrCond(Cond[] parts) {
      this.parts = parts;
    }

    @Override
    boolean eval(Scratch s) {
      for (Cond c : parts) {
        if (c.eval(s)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class NotCond extends Cond {
    final Cond part;

    NotCond(Cond part) {
      this.part = part;
    }

    @Override
    boolean eval(Scratch s) {
      return !part.eval(s);
    }
  }

  private static final class NearCond extends Cond {
    final int left;
    final int right;
    final int distance;

    NearCond(int left, int right, int distance) {
      this.left = left;
      this.right = right;
      this.distance = distance;
    }

    @Override
    boolean eval(Scratch s) {
      if (!s.present(left) || !s.present(right)) {
        return false;
      }
      int[] near = s.near;
      for (int i = 0; i < s.nearCount; i += 3) {
        if (near[i] != left) {
          continue;
        }
        for (int j = 0; j < s.nearCount; j += 3) {
          if (near[j] != right || j == i) {
            continue;
          }
          // Words strictly between the two occurrences, whichever comes first.
          int gap =
              near[j + 1] > near[i + 2]
                  ? near[j + 1] - near[i + 2] - 1
                  : near[i + 1] - near[j + 2] - 1;
          if (gap >= 0 && gap <= distance) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static final class Rule {
    final long id;
    final long brandId;
    final Cond query;
    final Cond exclusions;
    final String[] languages;
    final String[] networks;
    final long[] accounts;

    Rule(RuleSpec spec, Cond query, Cond exclusions) {
      this.id = spec.id();
      this.brandId = spec.brandId();
      this.query = query;
      this.exclusions = exclusions;
      this.languages = spec.languages().toArray(String[]::new);
      this.networks = spec.networks().toArray(String[]::new);
      this.accounts = spec.accounts().stream().mapToLong(Long::longValue).toArray();
    }

    boolean accepts(Post post) {
      if (brandId != post.brandId()) {
        return false;
      }
      if (languages.length > 0 && !contains(languages, post.language())) {
        return false;
      }
      if (networks.length > 0 && !contains(networks, post.network())) {
        return false;
      }
      if (accounts.length > 0) {
        for (long a : accounts) {
          if (a == post.accountId()) {
            return true;
          }
        }
        return false;
      }
      return true;
    }

    private static boolean contains(String[] values, String value) {
      if (value == null) {
        return false;
      }
      for (String v : values) {
        if (v.equalsIgnoreCase(value)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Builder {
    final Collection<RuleSpec> specs;
    final Map<String, Integer> wordIds = new HashMap<>();
    final Map<Character, Integer> charIds = new HashMap<>();
    final Map<List<String>, Integer> patternIds = new LinkedHashMap<>();
    final List<int[]> patternSymbols = new ArrayList<>();
    final List<Boolean> nearPatterns = new ArrayList<>();
    final List<Integer> patternUse = new ArrayList<>();
    final List<Integer> lastRuleOfPattern = new ArrayList<>();

    long[] wordKeys;
    int[] wordSymbolsTable;
    char[][] wordTextTable;
    int[] charSymbols = new int[65536];
    int[] rootNext;
    long[] transKeys;
    int[] transValues;
    int[] fail;
    int[][] outputs;
    int[] patternLength;
    boolean[] patternNear;
    final List<Integer> unconditional = new ArrayList<>();
    // Filing entries: the rule, the pattern waking it and the partner needed with it (-1: none).
    int[] entryRule = new int[64];
    int[] entryPattern = new int[64];
    int[] entryPartner = new int[64];
    int entries;
    int[] planStart;
    int[] plan;
    long[] pairKeys;
    int[] pairValues;
    int[] always;
    Rule[] compiledRules;

    Builder(Collection<RuleSpec> specs) {
      this.specs = specs;
    }

    RuleEngine build() {
      compiledRules = new Rule[specs.size()];
      int r = 0;
      for (RuleSpec spec : specs) {
        Cond query = cond(spec.query().root(), r, false);
        Cond exclusions =
            spec.exclusions() == null ? null : cond(spec.exclusions().root(), r, true);
        compiledRules[r++] = new Rule(spec, query, exclusions);
      }
      // A rule is evaluated only for posts where its two most selective required clauses (each a
      // set of terms one of which any matching post contains) both hold: it is filed under each
      // pair of terms of the two clauses, or under the terms of its one clause. Selective means
      // terms few rules use (a product name rather than "bluetooth"), so that a popular product
      // does not wake the hundred rules naming it when the post has none of their issue words.
      for (r = 0; r < compiledRules.length; r++) {
        file(r, clauses(compiledRules[r].query));
      }
      int patterns = patternSymbols.size();
      patternLength = new int[patterns];
      patternNear = new boolean[patterns];
      for (int p = 0; p < patterns; p++) {
        patternLength[p] = patternSymbols.get(p).length;
        patternNear[p] = nearPatterns.get(p);
      }
      buildPlan(patterns);
      buildWordTable();
      buildAutomaton();
      return new RuleEngine(this);
    }

    private Cond cond(RuleQuery.Node node, int rule, boolean negated) {
      if (node instanceof RuleQuery.Term t) {
        return new TermCond(pattern(t, rule, negated, false));
      }
      if (node instanceof RuleQuery.And a) {
        return new AndCond(
            a.parts().stream().map(p -> cond(p, rule, negated)).toArray(Cond[]::new));
      }
      if (node instanceof RuleQuery.Or o) {
        return new OrCond(o.parts().stream().map(p -> cond(p, rule, negated)).toArray(Cond[]::new));
      }
      if (node instanceof RuleQuery.Not n) {
        return new NotCond(cond(n.part(), rule, !negated));
      }
      RuleQuery.Near near = (RuleQuery.Near) node;
      return new NearCond(
          pattern(near.left(), rule, negated, true),
          pattern(near.right(), rule, negated, true),
          near.distance());
    }

    /** The pattern of a term, counting how many rules use it. */
    private int pattern(RuleQuery.Term term, int rule, boolean negated, boolean near) {
      Integer id = patternIds.get(term.tokens());
      if (id == null) {
        id = patternSymbols.size();
        patternIds.put(term.tokens(), id);
        patternSymbols.add(term.tokens().stream().mapToInt(this::symbol).toArray());
        nearPatterns.add(false);
        patternUse.add(0);
        lastRuleOfPattern.add(-1);
      }
      if (lastRuleOfPattern.get(id) != rule) {
        lastRuleOfPattern.set(id, rule);
        patternUse.set(id, patternUse.get(id) + 1);
      }
      if (near) {
        nearPatterns.set(id, true);
      }
      return id;
    }

    /**
     * Terms one of which any post matching a query contains (sorted, distinct), and what they cost:
     * how many rules use them, a stand-in for how often they occur.
     */
    record Clause(int[] patterns, long cost) {}

    /**
     * Clauses every post matching the node satisfies, cheapest first, at most {@link #MAX_CLAUSES};
     * none for a node that can match without any term (a NOT).
     */
    private List<Clause> clauses(Cond node) {
      if (node instanceof TermCond t) {
        return List.of(clause(new int[] {t.pattern}));
      }
      if (node instanceof NearCond n) {
        return best(List.of(clause(new int[] {n.left}), clause(new int[] {n.right})));
      }
      if (node instanceof NotCond) {
        return List.of();
      }
      if (node instanceof AndCond a) {
        List<Clause> all = new ArrayList<>();
        for (Cond part : a.parts) {
          all.addAll(clauses(part));
        }
        return best(all);
      }
      // An OR holds only if one of its parts does: any union of one clause of each part is a
      // clause of the OR; take the unions of the parts' first, second... cheapest clauses.
      Cond[] parts = ((OrCond) node).parts;
      List<List<Clause>> of = new ArrayList<>(parts.length);
      int most = 0;
      for (Cond part : parts) {
        List<Clause> c = clauses(part);
        if (c.isEmpty()) {
          return List.of();
        }
        of.add(c);
        most = Math.max(most, c.size());
      }
      List<Clause> unions = new ArrayList<>(most);
      for (int k = 0; k < most; k++) {
        int length = 0;
        for (List<Clause> c : of) {
          length += c.get(Math.min(k, c.size() - 1)).patterns().length;
        }
        int[] union = new int[length];
        length = 0;
        for (List<Clause> c : of) {
          int[] patterns = c.get(Math.min(k, c.size() - 1)).patterns();
          System.arraycopy(patterns, 0, union, length, patterns.length);
          length += patterns.length;
        }
        unions.add(clause(union));
      }
      return best(unions);
    }

    /** A clause of these patterns (sorted and made distinct here). */
    private Clause clause(int[] patterns) {
      Arrays.sort(patterns);
      int distinct = 0;
      long cost = 0;
      for (int i = 0; i < patterns.length; i++) {
        if (i == 0 || patterns[i] != patterns[distinct - 1]) {
          patterns[distinct++] = patterns[i];
          cost += patternUse.get(patterns[i]);
        }
      }
      return new Clause(
          distinct == patterns.length ? patterns : Arrays.copyOf(patterns, distinct), cost);
    }

    /** The cheapest distinct clauses, cheapest first. */
    private static List<Clause> best(List<Clause> clauses) {
      List<Clause> sorted = new ArrayList<>(clauses);
      sorted.sort((x, y) -> Long.compare(x.cost(), y.cost()));
      List<Clause> out = new ArrayList<>(Math.min(MAX_CLAUSES, sorted.size()));
      for (Clause c : sorted) {
        if (out.size() == MAX_CLAUSES) {
          break;
        }
        boolean seen = false;
        for (Clause o : out) {
          seen |= Arrays.equals(o.patterns(), c.patterns());
        }
        if (!seen) {
          out.add(c);
        }
      }
      return out;
    }

    /** Files a rule under the pairs of terms of its two cheapest clauses, or its one clause. */
    private void file(int rule, List<Clause> clauses) {
      if (clauses.isEmpty()) {
        unconditional.add(rule);
        return;
      }
      int[] first = clauses.get(0).patterns();
      if (clauses.size() > 1 && first.length * clauses.get(1).patterns().length <= MAX_PAIRS) {
        int[] second = clauses.get(1).patterns();
        for (int a : first) {
          for (int b : second) {
            entry(rule, a, a == b ? -1 : b);
          }
        }
        return;
      }
      for (int a : first) {
        entry(rule, a, -1);
      }
    }

    private void entry(int rule, int pattern, int partner) {
      if (entries == entryRule.length) {
        entryRule = Arrays.copyOf(entryRule, entries * 2);
        entryPattern = Arrays.copyOf(entryPattern, entries * 2);
        entryPartner = Arrays.copyOf(entryPartner, entries * 2);
      }
      entryRule[entries] = rule;
      entryPattern[entries] = pattern;
      entryPartner[entries] = partner;
      entries++;
    }

    private void buildPlan(int patterns) {
      // Entries grouped by pattern, each group sorted by partner then rule (partner -1 first).
      int[] groupStart = new int[patterns + 1];
      for (int e = 0; e < entries; e++) {
        groupStart[entryPattern[e] + 1]++;
      }
      for (int p = 0; p < patterns; p++) {
        groupStart[p + 1] += groupStart[p];
      }
      long[] sorted = new long[entries];
      int[] fill = Arrays.copyOf(groupStart, patterns);
      for (int e = 0; e < entries; e++) {
        sorted[fill[entryPattern[e]]++] = ((long) (entryPartner[e] + 1) << 32) | entryRule[e];
      }
      int[] out = new int[2 + entries * 4 + patterns * 3];
      int size = 2; // plan[0..1]: no rules, no partners, for patterns that wake nothing
      planStart = new int[patterns];
      int pairs = 0;
      long[] keys = new long[16];
      int[] values = new int[16];
      for (int p = 0; p < patterns; p++) {
        int from = groupStart[p];
        int to = groupStart[p + 1];
        if (from == to) {
          continue;
        }
        Arrays.sort(sorted, from, to);
        int distinct = from;
        for (int i = from; i < to; i++) {
          if (i == from || sorted[i] != sorted[distinct - 1]) {
            sorted[distinct++] = sorted[i];
          }
        }
        to = distinct;
        planStart[p] = size;
        int singlesEnd = from;
        while (singlesEnd < to && (sorted[singlesEnd] >>> 32) == 0) {
          singlesEnd++;
        }
        out[size++] = singlesEnd - from;
        for (int i = from; i < singlesEnd; i++) {
          out[size++] = (int) sorted[i];
        }
        int partners = 0;
        for (int i = singlesEnd; i < to; i++) {
          if (i == singlesEnd || (sorted[i] >>> 32) != (sorted[i - 1] >>> 32)) {
            partners++;
          }
        }
        out[size++] = partners;
        int partnerAt = size;
        int offsetAt = size + partners;
        size = offsetAt + partners + 1;
        int partner = -1;
        for (int i = singlesEnd; i < to; i++) {
          if (i == singlesEnd || (sorted[i] >>> 32) != (sorted[i - 1] >>> 32)) {
            partner++;
            out[partnerAt + partner] = (int) (sorted[i] >>> 32) - 1;
            out[offsetAt + partner] = size;
            if (pairs * 2 >= keys.length) {
              keys = Arrays.copyOf(keys, keys.length * 2);
              values = Arrays.copyOf(values, values.length * 2);
            }
            keys[pairs] = ((long) (p + 1) << 32) | (out[partnerAt + partner]);
            values[pairs] = offsetAt + partner;
            pairs++;
          }
          out[size++] = (int) sorted[i];
        }
        out[offsetAt + partners] = size;
      }
      plan = Arrays.copyOf(out, size);
      int tableSize = Integer.highestOneBit(Math.max(16, pairs * 2)) << 1;
      pairKeys = new long[tableSize];
      pairValues = new int[tableSize];
      for (int i = 0; i < pairs; i++) {
        int slot = (int) mix(keys[i]) & (tableSize - 1);
        while (pairKeys[slot] != 0) {
          slot = (slot + 1) & (tableSize - 1);
        }
        pairKeys[slot] = keys[i];
        pairValues[slot] = values[i];
      }
      always = unconditional.stream().mapToInt(x -> x).toArray();
    }

    private int symbol(String token) {
      int symbols = wordIds.size() + charIds.size();
      if (token.length() == 1 && TextFolding.classTable()[token.charAt(0)] == TextFolding.CJK) {
        return charIds.computeIfAbsent(token.charAt(0), c -> symbols + 1);
      }
      return wordIds.computeIfAbsent(token, w -> symbols + 1);
    }

    /** The engine's table from a character of the text to its code (see {@code codes}). */
    int[] codes() {
      char[] fold = TextFolding.foldTable();
      byte[] classes = TextFolding.classTable();
      int[] codes = new int[65536];
      for (int c = 0; c < 65536; c++) {
        char f = fold[c];
        if (f == TextFolding.COMPLEX) {
          codes[c] = -1;
        } else if (classes[f] == TextFolding.WORD) {
          codes[c] = f;
        } else if (classes[f] == TextFolding.CJK) {
          codes[c] = CJK_CODE + charSymbols[f];
        }
      }
      return codes;
    }

    private void buildWordTable() {
      int size = Integer.highestOneBit(Math.max(16, wordIds.size() * 3)) << 1;
      wordKeys = new long[size];
      wordSymbolsTable = new int[size];
      wordTextTable = new char[size][];
      for (Map.Entry<String, Integer> e : wordIds.entrySet()) {
        char[] text = e.getKey().toCharArray();
        long hash = FNV_OFFSET;
        for (char c : text) {
          hash = (hash ^ c) * FNV_PRIME;
        }
        long key = hash == 0 ? 1 : hash;
        int slot = (int) mix(key) & (size - 1);
        while (wordKeys[slot] != 0) {
          slot = (slot + 1) & (size - 1);
        }
        wordKeys[slot] = key;
        wordSymbolsTable[slot] = e.getValue();
        wordTextTable[slot] = text;
      }
      for (Map.Entry<Character, Integer> e : charIds.entrySet()) {
        charSymbols[e.getKey()] = e.getValue();
      }
    }

    private void buildAutomaton() {
      int symbols = wordIds.size() + charIds.size() + 1;
      int maxStates = 1;
      for (int[] pattern : patternSymbols) {
        maxStates += pattern.length;
      }
      // The trie: edges in one open-addressing table sized for the worst case, children listed
      // per state (first child / next sibling) for the breadth-first pass.
      int size = Integer.highestOneBit(Math.max(16, maxStates * 2)) << 1;
      transKeys = new long[size];
      transValues = new int[size];
      rootNext = new int[symbols];
      int[] firstChild = new int[maxStates];
      int[] nextSibling = new int[maxStates];
      int[] symbolOf = new int[maxStates];
      Arrays.fill(firstChild, -1);
      int[][] terminal = new int[maxStates][];
      int states = 1;
      for (int p = 0; p < patternSymbols.size(); p++) {
        int state = 0;
        for (int sym : patternSymbols.get(p)) {
          int next = state == 0 ? rootNext[sym] : get(state, sym);
          if (next == 0) {
            next = states++;
            if (state == 0) {
              rootNext[sym] = next;
            } else {
              put(state, sym, next);
            }
            symbolOf[next] = sym;
            nextSibling[next] = firstChild[state];
            firstChild[state] = next;
          }
          state = next;
        }
        int[] own = terminal[state];
        if (own == null) {
          terminal[state] = new int[] {p};
        } else {
          terminal[state] = Arrays.copyOf(own, own.length + 1);
          terminal[state][own.length] = p;
        }
      }
      // Failure links and outputs, breadth first.
      fail = new int[states];
      outputs = new int[states][];
      int[] queue = new int[states];
      int head = 0;
      int tail = 0;
      for (int child = firstChild[0]; child >= 0; child = nextSibling[child]) {
        queue[tail++] = child;
        outputs[child] = terminal[child];
      }
      while (head < tail) {
        int u = queue[head++];
        for (int v = firstChild[u]; v >= 0; v = nextSibling[v]) {
          int sym = symbolOf[v];
          int f = fail[u];
          int target;
          while (true) {
            int t = f == 0 ? rootNext[sym] : get(f, sym);
            if (t != 0) {
              target = t;
              break;
            }
            if (f == 0) {
              target = 0;
              break;
            }
            f = fail[f];
          }
          fail[v] = target;
          outputs[v] = concat(terminal[v], outputs[target]);
          queue[tail++] = v;
        }
      }
      // Each pattern found with what a hit needs of it, so that a hit reads no other table.
      Map<int[], int[]> records = new java.util.IdentityHashMap<>();
      for (int state = 0; state < states; state++) {
        int[] found = outputs[state];
        if (found != null) {
          outputs[state] =
              records.computeIfAbsent(
                  found,
                  f -> {
                    int[] record = new int[f.length * 3];
                    for (int i = 0; i < f.length; i++) {
                      record[3 * i] = f[i];
                      record[3 * i + 1] = patternLength[f[i]] << 1 | (patternNear[f[i]] ? 1 : 0);
                      record[3 * i + 2] = planStart[f[i]];
                    }
                    return record;
                  });
        }
      }
    }

    private int get(int state, int symbol) {
      long key = ((long) state << 32) | symbol;
      int mask = transKeys.length - 1;
      int slot = (int) mix(key) & mask;
      while (true) {
        long k = transKeys[slot];
        if (k == key) {
          return transValues[slot];
        }
        if (k == 0) {
          return 0;
        }
        slot = (slot + 1) & mask;
      }
    }

    private void put(int state, int symbol, int next) {
      long key = ((long) state << 32) | symbol;
      int mask = transKeys.length - 1;
      int slot = (int) mix(key) & mask;
      while (transKeys[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      transKeys[slot] = key;
      transValues[slot] = next;
    }

    private static int[] concat(int[] own, int[] inherited) {
      if (own == null) {
        return inherited;
      }
      if (inherited == null) {
        return own;
      }
      int[] out = Arrays.copyOf(own, own.length + inherited.length);
      System.arraycopy(inherited, 0, out, own.length, inherited.length);
      return out;
    }
  }
}
