package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.conversations.CaseView;
import io.parley.identity.BrandSummary;
import io.parley.identity.UserId;
import io.parley.support.ParleyTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@ParleyTest
class SkillRoutingTests {

  @Autowired ApplicationContext context;
  RoutingFixture fx;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
  }

  @Test
  void aCaseGoesOnlyToAgentsWithEverySkillItsTagsRequire() {
    BrandSummary brand = fx.brand();
    UserId both = fx.onlineAgent(brand);
    UserId chineseOnly = fx.onlineAgent(brand);
    UserId none = fx.onlineAgent(brand);
    fx.routing.setSkills(
        both,
        List.of(new AgentSkill(brand.id(), "zh", 5), new AgentSkill(brand.id(), "Billing", null)));
    fx.routing.setSkills(chineseOnly, List.of(new AgentSkill(brand.id(), "zh", 3)));
    var queue =
        fx.routing.create(
            brand.id(),
            "Skills",
            true,
            true,
            List.of(both, chineseOnly, none),
            QueueSettings.of(AssignmentPolicy.LONGEST_IDLE));

    for (int i = 0; i < 3; i++) {
      CaseView billingInChinese =
          fx.openInQueue(brand, "email", queue.id(), "skill:zh", "skill:billing", "vip-no");
      assertThat(fx.awaitAssigned(billingInChinese.id()).assignee()).isEqualTo(both);
    }
    for (int i = 0; i < 2; i++) {
      CaseView chinese = fx.openInQueue(brand, "email", queue.id(), "skill:zh");
      assertThat(fx.awaitAssigned(chinese.id()).assignee()).isIn(both, chineseOnly);
    }
    assertThat(fx.awaitAssigned(fx.openInQueue(brand, "email", queue.id()).id()).assignee())
        .isEqualTo(none); // no skill required: longest idle of all three
  }

  @Test
  void aCaseNobodyHasTheSkillsForWaitsUntilSomeoneHasThem() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    var queue = fx.routing.create(brand.id(), "Skills wait", true, true, List.of(agent));

    CaseView japanese = fx.openInQueue(brand, "webchat", queue.id(), "skill:ja");
    CaseView plain = fx.awaitAssigned(fx.openInQueue(brand, "webchat", queue.id()).id());
    assertThat(plain.assignee()).isEqualTo(agent);
    assertThat(fx.assigneeOf(japanese.id())).isNull();
    assertThat(fx.cases.find(japanese.id()).orElseThrow().queueId()).isEqualTo(queue.id());

    fx.routing.setSkills(agent, List.of(new AgentSkill(brand.id(), "ja", null)));
    fx.routing.drain(queue.id());

    assertThat(fx.assigneeOf(japanese.id())).isEqualTo(agent);
  }

  @Test
  void skillsOfAnotherBrandDoNotCount() {
    BrandSummary brand = fx.brand();
    BrandSummary other = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.setSkills(agent, List.of(new AgentSkill(other.id(), "fr", null)));
    var queue = fx.routing.create(brand.id(), "Brand skills", true, true, List.of(agent));

    CaseView french = fx.openInQueue(brand, "email", queue.id(), "skill:fr");
    fx.awaitAssigned(fx.openInQueue(brand, "email", queue.id()).id());

    assertThat(fx.assigneeOf(french.id())).isNull();
  }

  @Test
  void skillNamesAreFoldedAndCheckedAndProficiencyIsKept() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);

    fx.routing.setSkills(
        agent,
        List.of(
            new AgentSkill(brand.id(), " skill:ZH ", 4), new AgentSkill(brand.id(), "vip", null)));

    assertThat(fx.routing.skillsOf(agent))
        .containsExactly(
            new AgentSkill(brand.id(), "vip", null), new AgentSkill(brand.id(), "zh", 4));
    assertThatThrownBy(
            () -> fx.routing.setSkills(agent, List.of(new AgentSkill(brand.id(), "no spaces", 1))))
        .hasMessage("skills.name.invalid");
    assertThatThrownBy(
            () -> fx.routing.setSkills(agent, List.of(new AgentSkill(brand.id(), "zh", 9))))
        .hasMessage("skills.proficiency.invalid");
    assertThat(fx.routing.skillsOf(agent)).hasSize(2);
  }
}
