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
 * single CJK characters): a post is folded and scanned once, character by character through lookup
 * tables, and only the rules owning a term found in it are evaluated as boolean queries. Immutable
 * and thread-safe: a reload compiles a new engine and swaps the reference, so matching never
 * pauses.
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
  private static final long[] NONE = new long[0];

  // Tokens to symbols.
  private final long[] wordKeys;
  private final int[] wordSymbols;
  private final char[][] wordText;
  private final int wordMask;
  private final int[] charSymbols;

  // The automaton: root transitions dense, the others in an open-addressing table.
  private final int[] rootNext;
  private final long[] transKeys;
  private final int[] transValues;
  private final int transMask;
  private final int[] fail;
  private final int[][] outputs;

  // Patterns (distinct terms) and rules.
  private final int[] patternLength;
  private final boolean[] patternNear;
  private final int[][] patternRules;
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
    if (s.hitCount == 0) {
      return NONE;
    }
    int found = 0;
    for (int h = 0; h < s.hitCount; h++) {
      for (int r : patternRules[s.hits[h]]) {
        if (s.ruleStamp[r] == s.gen) {
          continue;
        }
        s.ruleStamp[r] = s.gen;
        Rule rule = rules[r];
        if (rule.accepts(post)
            && rule.query.eval(s)
            && (rule.exclusions == null || !rule.exclusions.eval(s))) {
          s.matched[found++] = r;
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
    final char[] fold = TextFolding.foldTable();
    final byte[] classes = TextFolding.classTable();
    final char[] word = s.word;
    int state = 0;
    int pos = 0;
    int length = 0;
    long hash = FNV_OFFSET;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c;
      byte cls;
      if (i < n) {
        c = fold[text.charAt(i)];
        if (c == TextFolding.COMPLEX) {
          if (!normalized) {
            return false;
          }
          cls = TextFolding.SEPARATOR;
        } else {
          cls = classes[c];
        }
      } else {
        c = ' ';
        cls = TextFolding.SEPARATOR;
      }
      if (cls == TextFolding.WORD) {
        if (length < MAX_WORD) {
          word[length] = c;
        }
        length++;
        hash = (hash ^ c) * FNV_PRIME;
        continue;
      }
      if (length > 0) {
        state = step(state, wordSymbol(hash, word, length), pos++, s);
        length = 0;
        hash = FNV_OFFSET;
      }
      if (cls == TextFolding.CJK) {
        state = step(state, charSymbols[c], pos++, s);
      }
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
        if (expected.length == length && Arrays.equals(expected, 0, length, word, 0, length)) {
          return wordSymbols[slot];
        }
      }
      slot = (slot + 1) & wordMask;
    }
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
      for (int p : out) {
        s.hit(p, pos - patternLength[p] + 1, pos, patternNear[p]);
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
    this.charSymbols = b.charSymbols;
    this.rootNext = b.rootNext;
    this.transKeys = b.transKeys;
    this.transValues = b.transValues;
    this.transMask = b.transKeys.length - 1;
    this.fail = b.fail;
    this.outputs = b.outputs;
    this.patternLength = b.patternLength;
    this.patternNear = b.patternNear;
    this.patternRules = b.patternRules;
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
    int gen;
    int[] hits = new int[16];
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

    void hit(int pattern, int start, int end, boolean positions) {
      if (patternStamp[pattern] != gen) {
        patternStamp[pattern] = gen;
        if (hitCount == hits.length) {
          hits = Arrays.copyOf(hits, hitCount * 2);
        }
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
    final List<List<Integer>> rulesOfPattern = new ArrayList<>();
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
    int[][] patternRules;
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
      // A rule is evaluated only for posts containing a term of its cover: enough terms that any
      // post it matches contains one, preferring terms few rules use (a product name over
      // "bluetooth"), so that a common word does not wake thousands of rules.
      r = 0;
      for (RuleSpec spec : specs) {
        Cover cover = cover(spec.query().root());
        for (int p : cover.patterns()) {
          rulesOfPattern.get(p).add(r);
        }
        r++;
      }
      int patterns = patternSymbols.size();
      patternLength = new int[patterns];
      patternNear = new boolean[patterns];
      patternRules = new int[patterns][];
      for (int p = 0; p < patterns; p++) {
        patternLength[p] = patternSymbols.get(p).length;
        patternNear[p] = nearPatterns.get(p);
        patternRules[p] = rulesOfPattern.get(p).stream().distinct().mapToInt(i -> i).toArray();
      }
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
        rulesOfPattern.add(new ArrayList<>(2));
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

    /** Terms one of which any matching post contains, and what they cost (rules woken). */
    record Cover(List<Integer> patterns, long cost) {}

    private Cover cover(RuleQuery.Node node) {
      if (node instanceof RuleQuery.Term t) {
        int p = patternIds.get(t.tokens());
        return new Cover(List.of(p), patternUse.get(p));
      }
      if (node instanceof RuleQuery.Near n) {
        Cover left = cover(n.left());
        Cover right = cover(n.right());
        return left.cost() <= right.cost() ? left : right;
      }
      if (node instanceof RuleQuery.Not) {
        return null;
      }
      if (node instanceof RuleQuery.And a) {
        Cover best = null;
        for (RuleQuery.Node part : a.parts()) {
          Cover c = cover(part);
          if (c != null && (best == null || c.cost() < best.cost())) {
            best = c;
          }
        }
        return best;
      }
      List<Integer> all = new ArrayList<>();
      long cost = 0;
      for (RuleQuery.Node part : ((RuleQuery.Or) node).parts()) {
        Cover c = cover(part);
        if (c == null) {
          return null;
        }
        all.addAll(c.patterns());
        cost += c.cost();
      }
      return new Cover(all, cost);
    }

    private int symbol(String token) {
      int symbols = wordIds.size() + charIds.size();
      if (token.length() == 1 && TextFolding.classTable()[token.charAt(0)] == TextFolding.CJK) {
        return charIds.computeIfAbsent(token.charAt(0), c -> symbols + 1);
      }
      return wordIds.computeIfAbsent(token, w -> symbols + 1);
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
