package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversations.CaseView;
import io.parley.identity.BrandSummary;
import io.parley.identity.UserId;
import io.parley.support.ParleyTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@ParleyTest
class RoutingPolicyTests {

  @Autowired ApplicationContext context;
  RoutingFixture fx;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
  }

  @Test
  void longestIdleGivesEachCaseToTheAgentWhoseLastCaseIsOldestNeverAssignedFirst() {
    BrandSummary brand = fx.brand();
    UserId ann = fx.onlineAgent(brand);
    UserId bob = fx.onlineAgent(brand);
    UserId cid = fx.onlineAgent(brand);
    fx.routing.create(
        brand.id(),
        "Idle",
        true,
        true,
        List.of(ann, bob, cid),
        QueueSettings.of(AssignmentPolicy.LONGEST_IDLE));

    List<UserId> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      order.add(fx.awaitAssigned(fx.open(brand, "email").id()).assignee());
    }

    assertThat(order).containsExactly(ann, bob, cid, ann);
  }

  @Test
  void leastLoadedGivesEachCaseToTheAgentHoldingFewestActiveCases() {
    BrandSummary brand = fx.brand();
    BrandSummary elsewhere = fx.brand(); // no queue: its cases are only assigned by hand
    UserId ann = fx.onlineAgent(brand);
    UserId bob = fx.onlineAgent(brand);
    UserId cid = fx.onlineAgent(brand);
    holdCases(elsewhere, ann, 2);
    holdCases(elsewhere, bob, 1);
    fx.routing.create(
        brand.id(),
        "Least",
        true,
        true,
        List.of(ann, bob, cid),
        QueueSettings.of(AssignmentPolicy.LEAST_LOADED));

    List<UserId> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      order.add(fx.awaitAssigned(fx.open(brand, "email").id()).assignee());
    }

    // cid (0) → bob and cid tie at 1, bob idle longer → cid (1 vs 2, 2) → all at 2: ann, never
    // given a case by routing, is the longest idle.
    assertThat(order).containsExactly(cid, bob, cid, ann);
  }

  @Test
  void solvedCasesNoLongerCountAsLoad() {
    BrandSummary brand = fx.brand();
    BrandSummary elsewhere = fx.brand();
    UserId ann = fx.onlineAgent(brand);
    UserId bob = fx.onlineAgent(brand);
    List<CaseView> held = holdCases(elsewhere, ann, 3);
    held.forEach(
        c -> fx.cases.changeStatus(c.id(), io.parley.conversations.CaseStatus.SOLVED, null));
    holdCases(elsewhere, bob, 1);
    fx.routing.create(
        brand.id(),
        "Least solved",
        true,
        true,
        List.of(ann, bob),
        QueueSettings.of(AssignmentPolicy.LEAST_LOADED));

    assertThat(fx.awaitAssigned(fx.open(brand, "email").id()).assignee()).isEqualTo(ann);
  }

  private List<CaseView> holdCases(BrandSummary brand, UserId agent, int count) {
    List<CaseView> held = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CaseView c =
          fx.cases.open(
              new io.parley.conversations.NewCase(
                  brand.id(), "", null, null, null, "email", "Held " + i, null));
      fx.cases.assign(c.id(), agent);
      held.add(c);
    }
    return held;
  }
}
