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
}
