package io.parley.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the rule form refuses to save, and why, before a rule silently never matches. */
class RuleFormCheckTests {

  private static RuleForm form(String languages, String networks) {
    return RuleForms.watching(1L, "acme", null, languages, networks);
  }

  @Test
  void aLanguageWithARegionIsRefusedWithTheCodeToWriteInstead() {
    Map<String, RuleForm.Problem> problems = form("en, zh-CN", null).problems();

    assertThat(problems).containsKey("languages");
    assertThat(problems.get("languages").key()).isEqualTo("listening.rule.languages.region");
    assertThat(problems.get("languages").args()).containsExactly("zh-cn", "zh");
    assertThat(form("en, zh", null).problems()).isEmpty();
    assertThat(form("english", null).problems().get("languages").key())
        .isEqualTo("listening.rule.languages.invalid");
  }

  @Test
  void aNetworkThatIsNoChannelTypeIsRefused() {
    Map<String, RuleForm.Problem> problems = form(null, "weibo, wiebo").problems();

    assertThat(problems).containsKey("networks");
    assertThat(problems.get("networks").key()).isEqualTo("listening.rule.networks.invalid");
    assertThat(problems.get("networks").args()[0]).isEqualTo("wiebo");
    assertThat((String) problems.get("networks").args()[1]).contains("weibo").contains("x");
    assertThat(form(null, "weibo, x, telegram").problems()).isEmpty();
  }

  private static RuleForm tagged(String tags, String skills) {
    return new RuleForm(
        1L,
        "rule",
        "acme",
        null,
        null,
        null,
        null,
        RuleAction.OPEN_CASE,
        false,
        null,
        null,
        skills,
        tags,
        true);
  }

  @Test
  void aTagOrSkillWithASpaceIsRefusedNotSplitInTwo() {
    Map<String, RuleForm.Problem> problems = tagged("brand:acme, has space", "vip care").problems();

    assertThat(problems.get("tags").key()).isEqualTo("listening.rule.tags.space");
    assertThat(problems.get("tags").args()).containsExactly("has space");
    assertThat(problems.get("skills").key()).isEqualTo("listening.rule.tags.space");
    assertThat(problems.get("skills").args()).containsExactly("vip care");

    RuleForm fine = tagged("brand:acme，product:phone-x", "billing, zh");
    assertThat(fine.problems()).isEmpty();
    assertThat(fine.caseTags())
        .containsExactly("brand:acme", "product:phone-x", "skill:billing", "skill:zh");
  }
}
