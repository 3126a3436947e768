package io.parley.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.parley.listening.Post;
import io.parley.listening.RuleEngine;
import io.parley.listening.RuleQuery;
import io.parley.listening.RuleSpec;
import io.parley.listening.TextFolding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The single-thread matcher comparison: Parley's engine, AhoCorasickDoubleArrayTrie, Lucene Monitor
 * and naive String.contains over the same posts and rules, plus the time to (re)build each.
 */
final class ListeningMatchers {

  /** One matcher's figures. */
  record Result(
      String name,
      int posts,
      double postsPerSecond,
      double postsPerWallSecond,
      long matchedPosts,
      double buildMillis) {}

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU time of this thread: single-thread rates per CPU second do not depend on neighbours. */
  static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private final ListeningWorkload workload;
  private final List<RuleQuery> queries = new ArrayList<>();
  private final List<Post> posts = new ArrayList<>();

  ListeningMatchers(ListeningWorkload workload) {
    this.workload = workload;
    for (String rule : workload.rules) {
      queries.add(RuleQuery.parse(rule));
    }
    for (ListeningWorkload.Post p : workload.posts) {
      posts.add(new Post(p.text(), 1, p.language(), "weibo", 1));
    }
  }

  /** Parse and compile all rules: what a reload costs (median of several). */
  double reloadMillis(int times) {
    double[] ms = new double[times];
    for (int t = 0; t < times; t++) {
      long start = cpu();
      List<RuleSpec> specs = new ArrayList<>(workload.rules.size());
      long id = 1;
      for (String rule : workload.rules) {
        specs.add(RuleSpec.of(id++, 1, rule));
      }
      RuleEngine engine = RuleEngine.compile(specs);
      ms[t] = (cpu() - start) / 1e6;
      if (engine.size() != workload.rules.size()) {
        throw new IllegalStateException("rules lost");
      }
    }
    Arrays.sort(ms);
    return ms[times / 2];
  }

  RuleEngine parley() {
    List<RuleSpec> specs = new ArrayList<>();
    long id = 1;
    for (RuleQuery q : queries) {
      specs.add(new RuleSpec(id++, 1, q, null, Set.of(), Set.of(), Set.of()));
    }
    return RuleEngine.compile(specs);
  }

  Result parleyRules(int passes) {
    TextFolding.warmUp();
    long start = cpu();
    RuleEngine engine = parley();
    double build = (cpu() - start) / 1e6;
    long matched = 0;
    double best = 0;
    double bestWall = 0;
    for (int pass = 0; pass < passes; pass++) {
      matched = 0;
      long t = System.nanoTime();
      long c = cpu();
      for (Post post : posts) {
        if (engine.match(post).length > 0) {
          matched++;
        }
      }
      best = Math.max(best, posts.size() / ((cpu() - c) / 1e9));
      bestWall = Math.max(bestWall, posts.size() / ((System.nanoTime() - t) / 1e9));
    }
    return new Result(
        "(a) Parley: full boolean rules (fold + automaton + rules)",
        posts.size(),
        best,
        bestWall,
        matched,
        build);
  }

  Result parleyTerms(int passes) {
    RuleEngine engine = parley();
    long matched = 0;
    double best = 0;
    double bestWall = 0;
    for (int pass = 0; pass < passes; pass++) {
      matched = 0;
      long t = System.nanoTime();
      long c = cpu();
      for (Post post : posts) {
        if (engine.countTerms(post.text()) > 0) {
          matched++;
        }
      }
      best = Math.max(best, posts.size() / ((cpu() - c) / 1e9));
      bestWall = Math.max(bestWall, posts.size() / ((System.nanoTime() - t) / 1e9));
    }
    return new Result(
        "(a') Parley: automaton only (fold + find all terms)",
        posts.size(),
        best,
        bestWall,
        matched,
        0);
  }

  /** The same distinct terms in a double-array Aho-Corasick trie, over lower-cased text. */
  Result hankcs(int passes) {
    long start = cpu();
    TreeMap<String, Integer> terms = new TreeMap<>();
    for (RuleQuery q : queries) {
      for (RuleQuery.Term term : q.terms()) {
        terms.putIfAbsent(surface(term.tokens()), terms.size());
      }
    }
    AhoCorasickDoubleArrayTrie<Integer> trie = new AhoCorasickDoubleArrayTrie<>();
    trie.build(terms);
    double build = (cpu() - start) / 1e6;
    long matched = 0;
    double best = 0;
    double bestWall = 0;
    int[] hits = new int[1];
    AhoCorasickDoubleArrayTrie.IHit<Integer> counter = (begin, end, value) -> hits[0]++;
    for (int pass = 0; pass < passes; pass++) {
      matched = 0;
      long t = System.nanoTime();
      long c = cpu();
      for (Post post : posts) {
        hits[0] = 0;
        trie.parseText(post.text().toLowerCase(Locale.ROOT), counter);
        if (hits[0] > 0) {
          matched++;
        }
      }
      best = Math.max(best, posts.size() / ((cpu() - c) / 1e9));
      bestWall = Math.max(bestWall, posts.size() / ((System.nanoTime() - t) / 1e9));
    }
    return new Result(
        "(b) AhoCorasickDoubleArrayTrie 1.2.3: terms only (lower-case, no word boundaries)",
        posts.size(),
        best,
        bestWall,
        matched,
        build);
  }

  /** Lucene Monitor with every rule as a Lucene query (phrases, spans for NEAR). */
  Result luceneMonitor(int count) throws IOException {
    long start = cpu();
    List<MonitorQuery> monitorQueries = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      monitorQueries.add(new MonitorQuery(Integer.toString(i), lucene(queries.get(i).root())));
    }
    try (Monitor monitor = new Monitor(new StandardAnalyzer())) {
      monitor.register(monitorQueries);
      double build = (cpu() - start) / 1e6;
      // Warm-up, unmeasured.
      for (int i = 0; i < Math.min(2000, posts.size()); i++) {
        monitor.match(doc(posts.get(i).text()), QueryMatch.SIMPLE_MATCHER);
      }
      int n = Math.min(count, posts.size());
      long matched = 0;
      long t = System.nanoTime();
      long c = cpu();
      for (int i = 0; i < n; i++) {
        MatchingQueries<QueryMatch> result =
            monitor.match(doc(posts.get(i).text()), QueryMatch.SIMPLE_MATCHER);
        if (result.getMatchCount() > 0) {
          matched++;
        }
      }
      double rate = n / ((cpu() - c) / 1e9);
      double wall = n / ((System.nanoTime() - t) / 1e9);
      return new Result(
          "(c) Lucene Monitor 9.11.1: full boolean rules (StandardAnalyzer)",
          n,
          rate,
          wall,
          matched,
          build);
    }
  }

  /** Every rule evaluated with String.contains on the lower-cased post. */
  Result naive(int count) {
    int n = Math.min(count, posts.size());
    long matched = 0;
    long t = System.nanoTime();
    long c = cpu();
    for (int i = 0; i < n; i++) {
      String text = posts.get(i).text().toLowerCase(Locale.ROOT);
      for (RuleQuery q : queries) {
        if (contains(q.root(), text)) {
          matched++;
          break;
        }
      }
    }
    double rate = n / ((cpu() - c) / 1e9);
    double wall = n / ((System.nanoTime() - t) / 1e9);
    return new Result(
        "(d) naive String.contains: full boolean rules (NEAR as AND), first match",
        n,
        rate,
        wall,
        matched,
        0);
  }

  private static boolean contains(RuleQuery.Node node, String text) {
    if (node instanceof RuleQuery.Term t) {
      return text.contains(surface(t.tokens()));
    }
    if (node instanceof RuleQuery.And a) {
      for (RuleQuery.Node p : a.parts()) {
        if (!contains(p, text)) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof RuleQuery.Or o) {
      for (RuleQuery.Node p : o.parts()) {
        if (contains(p, text)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof RuleQuery.Not n) {
      return !contains(n.part(), text);
    }
    RuleQuery.Near near = (RuleQuery.Near) node;
    return contains(near.left(), text) && contains(near.right(), text);
  }

  /** A term as it appears in text: Latin words with spaces, CJK characters run together. */
  static String surface(List<String> tokens) {
    StringBuilder s = new StringBuilder();
    for (String token : tokens) {
      boolean cjk = Character.UnicodeScript.of(token.charAt(0)) == Character.UnicodeScript.HAN;
      if (s.length() > 0 && !cjk && !isHan(s.charAt(s.length() - 1))) {
        s.append(' ');
      }
      s.append(token);
    }
    return s.toString();
  }

  private static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static Document doc(String text) {
    Document doc = new Document();
    doc.add(new TextField("text", text, Field.Store.NO));
    return doc;
  }

  static Query lucene(RuleQuery.Node node) {
    if (node instanceof RuleQuery.Term t) {
      if (t.tokens().size() == 1) {
        return new TermQuery(new Term("text", t.tokens().get(0)));
      }
      return new PhraseQuery("text", t.tokens().toArray(String[]::new));
    }
    if (node instanceof RuleQuery.And a) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      boolean positive = false;
      for (RuleQuery.Node p : a.parts()) {
        if (p instanceof RuleQuery.Not n) {
          b.add(lucene(n.part()), BooleanClause.Occur.MUST_NOT);
        } else {
          b.add(lucene(p), BooleanClause.Occur.MUST);
          positive = true;
        }
      }
      if (!positive) {
        b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
      }
      return b.build();
    }
    if (node instanceof RuleQuery.Or o) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (RuleQuery.Node p : o.parts()) {
        b.add(lucene(p), BooleanClause.Occur.SHOULD);
      }
      return b.build();
    }
    if (node instanceof RuleQuery.Not n) {
      return new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
          .add(lucene(n.part()), BooleanClause.Occur.MUST_NOT)
          .build();
    }
    RuleQuery.Near near = (RuleQuery.Near) node;
    return new SpanNearQuery(
        new SpanQuery[] {span(near.left()), span(near.right())}, near.distance(), false);
  }

  private static SpanQuery span(RuleQuery.Term term) {
    if (term.tokens().size() == 1) {
      return new SpanTermQuery(new Term("text", term.tokens().get(0)));
    }
    return new SpanNearQuery(
        term.tokens().stream()
            .map(t -> new SpanTermQuery(new Term("text", t)))
            .toArray(SpanQuery[]::new),
        0,
        true);
  }
}
