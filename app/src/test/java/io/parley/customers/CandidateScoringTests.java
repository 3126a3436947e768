package io.parley.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.customers.internal.CandidateScoring;
import io.parley.customers.internal.CandidateScoring.Clues;
import io.parley.customers.internal.CandidateScoring.Known;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateScoringTests {

  @Test
  void chineseNamesMatchIgnoringSpacesAndFullWidth() {
    var score =
        CandidateScoring.score(
            new Clues("王 军", null, null, null, null, Set.of()),
            new Known("王军", List.of(), List.of(), List.of(), null, List.of()));
    assertThat(score.reasons()).containsExactly("match.name");
    assertThat(score.score()).isGreaterThanOrEqualTo(CandidateScoring.THRESHOLD);
  }

  @Test
  void aSimilarHandleAndTheSameCityAddUp() {
    var score =
        CandidateScoring.score(
            new Clues("Wang Jun", "@wangjun_88", "Shanghai", null, null, Set.of()),
            new Known(
                "Jun Wang", List.of("wangjun88"), List.of(), List.of(), "shanghai", List.of()));
    assertThat(score.reasons()).containsExactly("match.handle", "match.location");
    assertThat(score.score()).isEqualTo(40);
  }

  @Test
  void ordersMentionedInTextAreFound() {
    assertThat(CandidateScoring.orderNumbersIn("订单 #A-10086 还没发货, also SO123456"))
        .containsExactly("A-10086", "SO123456");
    assertThat(CandidateScoring.orderNumbersIn("call me at 3pm")).isEmpty();
  }

  @Test
  void differentPeopleWithNothingInCommonScoreNothing() {
    var score =
        CandidateScoring.score(
            new Clues("李娜", "lina", "北京", null, null, Set.of()),
            new Known("王军", List.of("wj"), List.of(), List.of(), "上海", List.of()));
    assertThat(score.score()).isZero();
  }

  @Test
  void lookupKeysIgnoreCaseWidthSeparatorsAndABirthYearButNotAShortStem() {
    assertThat(CandidateScoring.handleKey("@Wang_Jun1988")).isEqualTo("wangjun");
    assertThat(CandidateScoring.handleKey("ｗａｎｇ.jun")).isEqualTo("wangjun");
    assertThat(CandidateScoring.handleKey("fan123"))
        .as("'fan' would join strangers")
        .isEqualTo("fan123");
    assertThat(CandidateScoring.handleKey("@jo")).isNull();
    assertThat(CandidateScoring.handleKey(null)).isNull();
    assertThat(CandidateScoring.nameKey("Wang · Jun")).isEqualTo("wangjun");
    assertThat(CandidateScoring.namePrefix("wangjun")).isEqualTo("wan");
    assertThat(CandidateScoring.namePrefix(CandidateScoring.nameKey("王 军"))).isNull();
    assertThat(CandidateScoring.nameKey("  ")).isNull();
  }

  @Test
  void aChineseNameReadsAsTonelessPinyinWhateverItsScriptOrSpacing() {
    assertThat(CandidateScoring.pinyinKey("王军")).isEqualTo("wangjun");
    assertThat(CandidateScoring.pinyinKey("王軍")).as("traditional").isEqualTo("wangjun");
    assertThat(CandidateScoring.pinyinKey("王 军 🐱")).isEqualTo("wangjun");
    assertThat(CandidateScoring.pinyinKey("吕布")).isEqualTo("lvbu");
    assertThat(CandidateScoring.pinyinKey("王军Jimmy")).isEqualTo("wangjunjimmy");
    assertThat(CandidateScoring.pinyinKey("Wang Jun")).as("not Chinese").isNull();
    assertThat(CandidateScoring.pinyinKey("さくら王")).as("kana has no pinyin").isNull();
    assertThat(CandidateScoring.pinyinKey(null)).isNull();
  }

  @Test
  void surnamesAndNameCharactersTakeTheirReadingInAName() {
    assertThat(CandidateScoring.pinyinKey("曾志伟")).isEqualTo("zengzhiwei");
    assertThat(CandidateScoring.pinyinKey("单立人")).isEqualTo("shanliren");
    assertThat(CandidateScoring.pinyinKey("翟志刚")).isEqualTo("zhaizhigang");
    assertThat(CandidateScoring.pinyinKey("李娜")).isEqualTo("lina");
    assertThat(CandidateScoring.pinyinKey("单于军")).as("a compound surname").isEqualTo("chanyujun");
    assertThat(CandidateScoring.pinyinKey("曾经沧海难为水"))
        .as("not a name: read as text")
        .isEqualTo("cengjingcanghainanweishui");
  }

  @Test
  void aLatinNameReadingAsAChineseOneIsOfferedBelowTheSameName() {
    var pinyin =
        CandidateScoring.score(
            new Clues("Wang Jun", null, null, null, null, Set.of()),
            new Known("王军", List.of(), List.of(), List.of(), null, List.of()));
    var same =
        CandidateScoring.score(
            new Clues("王军", null, null, null, null, Set.of()),
            new Known("王军", List.of(), List.of(), List.of(), null, List.of()));

    assertThat(pinyin.reasons()).containsExactly("match.namePinyin");
    assertThat(pinyin.score())
        .isGreaterThanOrEqualTo(CandidateScoring.THRESHOLD)
        .isLessThan(same.score());
  }

  @Test
  void aHandleSpellingAChineseNameInPinyinCountsEitherWay() {
    var writerSpells =
        CandidateScoring.score(
            new Clues("wangjun1988", "wangjun1988", null, null, null, Set.of()),
            new Known("王军", List.of(), List.of(), List.of(), null, List.of()));
    var knownSpells =
        CandidateScoring.score(
            new Clues("王军", "junjun", null, null, null, Set.of()),
            new Known("JW", List.of("@Wang_Jun88"), List.of(), List.of(), null, List.of()));
    var nickname =
        CandidateScoring.score(
            new Clues("大军哥", "wangjun1988", null, null, null, Set.of()),
            new Known("王军", List.of(), List.of(), List.of(), null, List.of()));
    var both =
        CandidateScoring.score(
            new Clues("Wang Jun", "wangjun1988", null, null, null, Set.of()),
            new Known("王军", List.of(), List.of(), List.of(), null, List.of()));

    assertThat(writerSpells.reasons()).containsExactly("match.handlePinyin");
    assertThat(knownSpells.reasons()).containsExactly("match.handlePinyin");
    assertThat(nickname.reasons()).containsExactly("match.handlePinyin");
    assertThat(writerSpells.score()).isEqualTo(CandidateScoring.THRESHOLD);
    assertThat(both.reasons()).as("one name, counted once").containsExactly("match.namePinyin");
    assertThat(both.score()).isEqualTo(writerSpells.score());
  }

  @Test
  void homophonesAndOtherNamesDoNotReadAlike() {
    assertThat(
            CandidateScoring.score(
                    new Clues("汪军", "wangjun", null, null, null, Set.of()),
                    new Known("王军", List.of(), List.of(), List.of(), null, List.of()))
                .reasons())
        .as("two Chinese names are compared by character; the handle spells the writer's own")
        .isEmpty();
    assertThat(
            CandidateScoring.score(
                    new Clues("wang_li", "wang_li", null, null, null, Set.of()),
                    new Known("王军", List.of(), List.of(), List.of(), null, List.of()))
                .score())
        .isZero();
  }
}
