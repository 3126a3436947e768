package io.parley.listening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleEngineTests {

  private static final long BRAND = 1;

  private static boolean matches(String query, String text) {
    return matches(RuleSpec.of(7, BRAND, query), post(text));
  }

  private static boolean matches(RuleSpec rule, Post post) {
    return RuleEngine.compile(List.of(rule)).match(post).length == 1;
  }

  private static Post post(String text) {
    return new Post(text, BRAND, "en", "x", 11);
  }

  @Test
  void matchesWordsCaseInsensitively() {
    assertThat(matches("Bluetooth", "my BLUETOOTH headset")).isTrue();
    assertThat(matches("bluetooth", "my headset")).isFalse();
  }

  @Test
  void latinWordsMatchOnlyWhole() {
    assertThat(matches("HP", "my hp laptop")).isTrue();
    assertThat(matches("HP", "HP's printer jammed")).isTrue();
    assertThat(matches("HP", "the hpv vaccine")).isFalse();
    assertThat(matches("HP", "chpter")).isFalse();
    assertThat(matches("phone", "smartphone")).isFalse();
  }

  @Test
  void chineseMatchesInsideARunOfCharacters() {
    assertThat(matches("蓝牙", "我的蓝牙耳机连不上")).isTrue();
    assertThat(matches("蓝牙 耳机", "我的蓝牙耳机连不上")).isTrue();
    assertThat(matches("\"蓝牙耳机\"", "我的蓝牙 耳机")).isTrue();
    assertThat(matches("蓝牙", "我的耳机")).isFalse();
  }

  @Test
  void traditionalChineseFoldsToSimplifiedBothWays() {
    assertThat(matches("无法连接", "藍牙無法連接")).isTrue();
    assertThat(matches("無法連接", "蓝牙无法连接")).isTrue();
    assertThat(matches("蓝牙", "藍牙耳機")).isTrue();
  }

  @Test
  void fullWidthLettersAndDigitsFoldToHalfWidth() {
    assertThat(matches("iphone 15", "ＩＰｈｏｎｅ　１５ 屏幕坏了")).isTrue();
    assertThat(matches("ＷＩＦＩ", "wifi keeps dropping")).isTrue();
  }

  @Test
  void phrasesMatchAsContiguousWords() {
    assertThat(matches("\"can't connect\"", "I can’t connect to it")).isTrue();
    assertThat(matches("\"screen flickering\"", "the screen keeps flickering")).isFalse();
    assertThat(matches("\"screen flickering\"", "Screen flickering since update")).isTrue();
  }

  @Test
  void andOrNot() {
    String q = "(\"无法连接\" OR \"can't connect\") AND (bluetooth OR 蓝牙) NOT refund";
    assertThat(matches(q, "I can't connect my bluetooth speaker")).isTrue();
    assertThat(matches(q, "蓝牙无法连接")).isTrue();
    assertThat(matches(q, "I can't connect my bluetooth speaker, I want a refund")).isFalse();
    assertThat(matches(q, "I can't connect to wifi")).isFalse();
    assertThat(matches("battery drain", "battery drains fast")).isFalse();
    assertThat(matches("battery drain", "drain the battery")).isTrue();
    assertThat(matches("battery AND NOT (charger OR cable)", "battery and cable")).isFalse();
    assertThat(matches("battery AND NOT (charger OR cable)", "battery died")).isTrue();
  }

  @Test
  void nearCountsWordsBetweenInEitherOrder() {
    String q = "NEAR/3(screen, flickering)";
    assertThat(matches(q, "the screen is always flickering")).isTrue();
    assertThat(matches(q, "flickering on my screen")).isTrue();
    assertThat(matches(q, "the screen is bright but the light keeps flickering")).isFalse();
    assertThat(matches("NEAR/1(屏幕, 闪烁)", "屏幕在闪烁")).isTrue();
    assertThat(matches("NEAR/1(屏幕, 闪烁)", "屏幕一直在闪烁")).isFalse();
    assertThat(matches("NEAR/2(\"battery life\", bad)", "battery life is bad")).isTrue();
  }

  @Test
  void exclusionsStopARuleMatching() {
    RuleSpec rule =
        new RuleSpec(
            1,
            BRAND,
            RuleQuery.parse("acme"),
            RuleQuery.parse("job OR hiring OR 招聘"),
            Set.of(),
            Set.of(),
            Set.of());
    assertThat(matches(rule, post("acme phone broke"))).isTrue();
    assertThat(matches(rule, post("acme is hiring"))).isFalse();
    assertThat(matches(rule, post("acme 招聘工程师"))).isFalse();
  }

  @Test
  void anyOneOfTheExclusionsStopsARuleMatching() {
    RuleSpec rule =
        new RuleSpec(
            1,
            BRAND,
            RuleQuery.parse("acme"),
            RuleQuery.parseAnyOf("x12 buds，\"for sale\" (job AND hiring)"),
            Set.of(),
            Set.of(),
            Set.of());
    assertThat(matches(rule, post("acme phone broke"))).isTrue();
    assertThat(matches(rule, post("acme x12 broke"))).isFalse();
    assertThat(matches(rule, post("acme buds broke"))).isFalse();
    assertThat(matches(rule, post("acme phone for sale"))).isFalse();
    assertThat(matches(rule, post("acme sale for"))).as("a phrase stays a phrase").isTrue();
    assertThat(matches(rule, post("acme job fair"))).as("a group needs all of it").isTrue();
    assertThat(matches(rule, post("acme hiring job"))).isFalse();
    assertThat(RuleQuery.parseAnyOf("x12 AND buds").root())
        .as("an explicit AND still needs both")
        .isEqualTo(RuleQuery.parse("x12 buds").root());
    assertThatThrownBy(() -> RuleQuery.parseAnyOf("x12,")).isInstanceOf(RuleSyntaxException.class);
  }

  @Test
  void scopesByBrandLanguageNetworkAndAccount() {
    RuleSpec rule =
        new RuleSpec(
            1, BRAND, RuleQuery.parse("acme"), null, Set.of("zh"), Set.of("weibo"), Set.of(5L));
    assertThat(matches(rule, new Post("acme 手机", BRAND, "zh", "weibo", 5))).isTrue();
    assertThat(matches(rule, new Post("acme 手机", BRAND, "en", "weibo", 5))).isFalse();
    assertThat(matches(rule, new Post("acme 手机", BRAND, "zh", "x", 5))).isFalse();
    assertThat(matches(rule, new Post("acme 手机", BRAND, "zh", "weibo", 6))).isFalse();
    assertThat(matches(rule, new Post("acme 手机", 2, "zh", "weibo", 5))).isFalse();
  }

  @Test
  void manyRulesReturnEveryMatchOnce() {
    RuleEngine engine =
        RuleEngine.compile(
            List.of(
                RuleSpec.of(1, BRAND, "acme"),
                RuleSpec.of(2, BRAND, "zephyr OR 泽风"),
                RuleSpec.of(3, BRAND, "acme AND zephyr"),
                RuleSpec.of(4, BRAND, "\"acme phone\"")));
    assertThat(engine.match(post("acme beats zephyr, acme acme"))).containsExactly(1, 2, 3);
    assertThat(engine.match(post("Acme phone"))).containsExactly(1, 4);
    assertThat(engine.match(post("泽风的手机"))).containsExactly(2);
    assertThat(engine.match(post("nothing here"))).isEmpty();
    assertThat(engine.terms()).isEqualTo(4);
  }

  @Test
  void overlappingPatternsAreAllFound() {
    RuleEngine engine =
        RuleEngine.compile(
            List.of(
                RuleSpec.of(1, BRAND, "\"a b c d\""),
                RuleSpec.of(2, BRAND, "\"b c\""),
                RuleSpec.of(3, BRAND, "\"c d e\""),
                RuleSpec.of(4, BRAND, "手机屏幕"),
                RuleSpec.of(5, BRAND, "屏幕")));
    assertThat(engine.match(post("x a b c d e"))).containsExactly(1, 2, 3);
    assertThat(engine.match(post("a b c x"))).containsExactly(2);
    assertThat(engine.match(post("我的手机屏幕"))).containsExactly(4, 5);
  }

  @Test
  void ligaturesAndCompatibilityCharactersAreNormalized() {
    assertThat(matches("office", "my oﬃce printer")).isTrue();
  }

  @Test
  void parseErrorsSayWhereAndWhy() {
    assertError("", "empty", 0);
    assertError("(bluetooth OR wifi", "unclosedGroup", 0);
    assertError("bluetooth OR", "missingOperand", 10);
    assertError("bluetooth AND OR wifi", "missingOperand", 10);
    assertError("bluetooth)", "unexpectedClose", 9);
    assertError("\"can't connect", "unclosedQuote", 0);
    assertError("NEAR/x(a, b)", "nearDistance", 5);
    assertError("NEAR/3(a b)", "nearSyntax", 9);
    assertError("NEAR/99(a, b)", "nearDistance", 5);
    assertError("NOT refund", "onlyNegative", 0);
    assertError("acme AND \"!!\"", "noWords", 9);
    assertError("()", "emptyGroup", 1);
    assertError("screen NEAR flicker", "nearNoDistance", 7);
    assertError("NEAR(screen, flicker)", "nearNoDistance", 0);
    assertError("NEAR", "nearNoDistance", 0);
    assertError("acme, x12", "strayComma", 4);
  }

  private static void assertError(String query, String reason, int position) {
    assertThatThrownBy(() -> RuleQuery.parse(query))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.position()).isEqualTo(position);
            });
  }

  @Test
  void fullWidthPunctuationReadsLikeHalfWidth() {
    String fullWidth = "（换到 OR switching） AND （orion OR zenith）";
    assertThat(RuleQuery.parse(fullWidth).root())
        .isEqualTo(RuleQuery.parse("(换到 OR switching) AND (orion OR zenith)").root());
    assertThat(matches(fullWidth, "我想换到 orion")).isTrue();
    assertThat(matches(fullWidth, "我想换到别的")).isFalse();
    assertThat(matches(fullWidth, "zenith is nice")).isFalse();

    assertThat(RuleQuery.parse("NEAR／3（屏幕，闪烁）").root())
        .isEqualTo(RuleQuery.parse("NEAR/3(屏幕, 闪烁)").root());
    assertThat(matches("NEAR/3(屏幕，闪烁)", "屏幕一直闪烁")).isTrue();
    assertThat(matches("＂battery life＂ AND bad", "battery life is bad")).isTrue();
    assertThat(matches("＂battery life＂ AND bad", "life battery is bad")).isFalse();
  }

  @Test
  void aFullWidthCommaOrQuoteOutsideWhereTheSyntaxUsesThemReadsAsItAlwaysDid() {
    // Saved before full-width punctuation was read: a comma between words is part of the term,
    // and a full-width quote inside a quoted phrase does not end it.
    assertThat(RuleQuery.parse("屏幕，闪烁").root()).isInstanceOf(RuleQuery.Term.class);
    assertThat(matches("屏幕，闪烁", "我的屏幕，闪烁不停")).isTrue();
    assertThat(RuleQuery.parse("\"他说＂好＂了\"").root()).isInstanceOf(RuleQuery.Term.class);
  }

  @Test
  void anExclusionWithNotKeepsItAndOtherExclusionsStayAlternatives() {
    RuleSpec rule =
        new RuleSpec(
            1,
            BRAND,
            RuleQuery.parse("acme"),
            RuleQuery.parseAnyOf("jobs NOT engineer, x12"),
            Set.of(),
            Set.of(),
            Set.of());
    assertThat(matches(rule, post("acme jobs in sales"))).isFalse();
    assertThat(matches(rule, post("acme jobs for an engineer"))).isTrue();
    assertThat(matches(rule, post("acme x12 broke"))).isFalse();
    assertThat(matches(rule, post("acme phone broke"))).isTrue();
    assertThatThrownBy(() -> RuleQuery.parseAnyOf(",x12"))
        .isInstanceOfSatisfying(
            RuleSyntaxException.class, e -> assertThat(e.reason()).isEqualTo("missingOperand"));
  }

  @Test
  void operatorsAreUpperCaseOnly() {
    assertThat(matches("screen near battery", "screen near battery")).isTrue();
    assertThat(matches("screen near battery", "screen battery")).isFalse();
    assertThat(matches("screen or battery", "battery")).isFalse();
    assertThat(matches("screen or battery", "screen or battery")).isTrue();
  }
}
