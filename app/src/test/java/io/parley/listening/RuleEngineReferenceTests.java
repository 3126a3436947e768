package io.parley.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine against a plain evaluation of every rule over the post's folded tokens, on generated
 * rules and posts drawn from a small vocabulary, so that terms, phrases, nested AND / OR / NOT,
 * NEAR, exclusions and scopes all meet often: whichever terms a rule is filed under, it must match
 * exactly the posts the plain evaluation says it does.
 */
class RuleEngineReferenceTests {

  private static final String[] WORDS =
      ("acme zephyr nova orbit pixel bluetooth battery screen refund wifi crash slow pro max the my"
              + " is office 蓝 牙 电 池 退 款 星 云")
          .split(" ");

  /** How some words may be written in posts: ligature, full width, traditional characters. */
  private static final Map<String, String> VARIANTS =
      Map.of("office", "oﬃce", "wifi", "ＷＩＦＩ", "蓝", "藍", "电", "電", "pro", "PRO");

  @Test
  void matchesExactlyWhatAPlainEvaluationMatches() {
    Random random = new Random(20261123);
    for (int round = 0; round < 20; round++) {
      int ruleCount = 1 + random.nextInt(round < 10 ? 20 : 400);
      List<RuleSpec> specs = new ArrayList<>();
      for (int r = 0; r < ruleCount; r++) {
        specs.add(rule(random, r + 1));
      }
      RuleEngine engine = RuleEngine.compile(specs);
      for (int p = 0; p < 400; p++) {
        Post post = post(random);
        List<String> tokens = TextFolding.tokens(post.text());
        List<Long> expected = new ArrayList<>();
        for (RuleSpec spec : specs) {
          if (reference(spec, post, tokens)) {
            expected.add(spec.id());
          }
        }
        long[] actual = engine.match(post);
        assertThat(actual)
            .as("rules %s on post %s", specs.size() < 30 ? specs : "(many)", post.text())
            .containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
      }
    }
  }

  @Test
  void rulesWithoutASelectiveClauseStillMatch() {
    RuleEngine engine =
        RuleEngine.compile(
            List.of(
                RuleSpec.of(1, 1, "acme OR (zephyr AND NOT refund)"),
                RuleSpec.of(2, 1, "(acme AND battery) OR (zephyr AND screen)"),
                RuleSpec.of(3, 1, "NOT refund AND (acme OR nova)"),
                RuleSpec.of(4, 1, "NEAR/2(acme, battery) AND (screen OR wifi)"),
                RuleSpec.of(5, 1, "acme AND (acme OR battery)"),
                RuleSpec.of(6, 1, "\"acme pro\" AND (蓝牙 OR bluetooth) NOT (refund OR 退款)")));
    assertThat(engine.match(post("zephyr here"))).containsExactly(1);
    assertThat(engine.match(post("zephyr refund"))).isEmpty();
    assertThat(engine.match(post("acme battery"))).containsExactly(1, 2, 3, 5);
    assertThat(engine.match(post("zephyr on screen"))).containsExactly(1, 2);
    assertThat(engine.match(post("nova refund"))).isEmpty();
    assertThat(engine.match(post("nova"))).containsExactly(3);
    assertThat(engine.match(post("acme x y battery wifi"))).containsExactly(1, 2, 3, 4, 5);
    assertThat(engine.match(post("acme x y z battery wifi"))).containsExactly(1, 2, 3, 5);
    assertThat(engine.match(post("acme pro 蓝牙"))).containsExactly(1, 3, 5, 6);
    assertThat(engine.match(post("acme pro 蓝牙 退款"))).containsExactly(1, 3, 5);
  }

  @Test
  void aPopularTermWithManyPartnersFindsEachPair() {
    // "acme" pairs with forty issue words: short posts take the lookup by terms found, long ones
    // the walk over the partners.
    List<RuleSpec> specs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      specs.add(RuleSpec.of(i + 1, 1, "acme AND (issue" + i + " OR other" + i + ")"));
    }
    RuleEngine engine = RuleEngine.compile(specs);
    assertThat(engine.match(post("acme issue7"))).containsExactly(8);
    assertThat(engine.match(post("acme other39 and issue0"))).containsExactly(1, 40);
    assertThat(engine.match(post("issue3 issue4"))).isEmpty();
    StringBuilder all = new StringBuilder("acme");
    for (int i = 0; i < 40; i += 2) {
      all.append(" issue").append(i).append(" other").append(i + 1);
    }
    long[] every = new long[40];
    for (int i = 0; i < 40; i++) {
      every[i] = i + 1;
    }
    assertThat(engine.match(post(all.toString()))).containsExactly(every);
  }

  private static Post post(String text) {
    return new Post(text, 1, "en", "x", 11);
  }

  @Test
  void wordsAcrossChunksOfALongPostAreWhole() {
    RuleEngine engine =
        RuleEngine.compile(
            List.of(
                RuleSpec.of(1, 1, "acme AND zephyr"),
                RuleSpec.of(2, 1, "NEAR/1(acme, zephyr)"),
                RuleSpec.of(3, 1, "office"),
                RuleSpec.of(4, 1, "\"蓝牙 耳机\"")));
    for (int pad = 1000; pad < 1040; pad++) {
      String before = "x".repeat(pad);
      assertThat(engine.match(post(before + " acme zephyr"))).containsExactly(1, 2);
      assertThat(engine.match(post("y" + before + "acme zephyr"))).isEmpty();
      assertThat(engine.match(post(before + " oﬃce"))).containsExactly(3);
      assertThat(engine.match(post(before + "蓝牙耳機"))).containsExactly(4);
      assertThat(engine.match(post("蓝".repeat(pad) + "牙耳机 acme"))).containsExactly(4);
    }
  }

  private static RuleSpec rule(Random random, long id) {
    String query;
    while (true) {
      query = node(random, 3);
      try {
        RuleQuery.parse(query);
        break;
      } catch (RuleSyntaxException e) {
        // Only negative terms: try another.
      }
    }
    RuleQuery exclusions = random.nextInt(5) == 0 ? RuleQuery.parse(node(random, 1)) : null;
    Set<String> languages = random.nextInt(6) == 0 ? Set.of("zh") : Set.of();
    Set<String> networks = random.nextInt(8) == 0 ? Set.of("weibo") : Set.of();
    Set<Long> accounts = random.nextInt(10) == 0 ? Set.of(5L) : Set.of();
    long brand = random.nextInt(12) == 0 ? 2 : 1;
    return new RuleSpec(
        id, brand, RuleQuery.parse(query), exclusions, languages, networks, accounts);
  }

  private static String node(Random random, int depth) {
    int kind = depth == 0 ? 0 : random.nextInt(7);
    return switch (kind) {
      case 0, 1 -> term(random);
      case 2, 3 -> "(" + node(random, depth - 1) + " AND " + node(random, depth - 1) + ")";
      case 4 -> "(" + node(random, depth - 1) + " OR " + node(random, depth - 1) + ")";
      case 5 -> "(" + node(random, depth - 1) + " NOT " + node(random, depth - 1) + ")";
      default -> "NEAR/" + (1 + random.nextInt(3)) + "(" + term(random) + ", " + term(random) + ")";
    };
  }

  private static String term(Random random) {
    String word = WORDS[random.nextInt(WORDS.length)];
    if (random.nextInt(5) == 0) {
      return "\"" + word + " " + WORDS[random.nextInt(WORDS.length)] + "\"";
    }
    return random.nextInt(6) == 0 ? word.toUpperCase() : word;
  }

  private static Post post(Random random) {
    // Short posts, ordinary ones, and a few longer than the engine's 1024-character chunks.
    int length = 1 + random.nextInt(random.nextInt(40) == 0 ? 700 : random.nextBoolean() ? 4 : 25);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      if (random.nextInt(30) == 0) {
        word = VARIANTS.getOrDefault(word, word);
      }
      text.append(random.nextInt(8) == 0 ? word.toUpperCase() : word);
      if (random.nextInt(3) > 0) {
        text.append(random.nextInt(4) == 0 ? ", " : " ");
      }
    }
    return new Post(
        text.toString(),
        random.nextInt(12) == 0 ? 2 : 1,
        random.nextBoolean() ? "zh" : "en",
        random.nextBoolean() ? "weibo" : "x",
        random.nextBoolean() ? 5 : 6);
  }

  /** The rule evaluated directly: no automaton, no index. */
  private static boolean reference(RuleSpec spec, Post post, List<String> tokens) {
    if (spec.brandId() != post.brandId()
        || (!spec.languages().isEmpty() && !spec.languages().contains(post.language()))
        || (!spec.networks().isEmpty() && !spec.networks().contains(post.network()))
        || (!spec.accounts().isEmpty() && !spec.accounts().contains(post.accountId()))) {
      return false;
    }
    return eval(spec.query().root(), tokens)
        && (spec.exclusions() == null || !eval(spec.exclusions().root(), tokens));
  }

  private static boolean eval(RuleQuery.Node node, List<String> tokens) {
    if (node instanceof RuleQuery.Term t) {
      return !occurrences(t, tokens).isEmpty();
    }
    if (node instanceof RuleQuery.And a) {
      return a.parts().stream().allMatch(p -> eval(p, tokens));
    }
    if (node instanceof RuleQuery.Or o) {
      return o.parts().stream().anyMatch(p -> eval(p, tokens));
    }
    if (node instanceof RuleQuery.Not n) {
      return !eval(n.part(), tokens);
    }
    RuleQuery.Near near = (RuleQuery.Near) node;
    for (int a : occurrences(near.left(), tokens)) {
      int aEnd = a + near.left().tokens().size() - 1;
      for (int b : occurrences(near.right(), tokens)) {
        int bEnd = b + near.right().tokens().size() - 1;
        int gap = b > aEnd ? b - aEnd - 1 : a - bEnd - 1;
        if (gap >= 0 && gap <= near.distance()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Integer> occurrences(RuleQuery.Term term, List<String> tokens) {
    List<Integer> starts = new ArrayList<>();
    int n = term.tokens().size();
    for (int i = 0; i + n <= tokens.size(); i++) {
      if (tokens.subList(i, i + n).equals(term.tokens())) {
        starts.add(i);
      }
    }
    return starts;
  }
}
