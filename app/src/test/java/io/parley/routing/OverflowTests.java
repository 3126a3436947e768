package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.conversations.CaseView;
import io.parley.identity.BrandSummary;
import io.parley.identity.UserId;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@ParleyTest
class OverflowTests {

  @Autowired ApplicationContext context;
  RoutingFixture fx;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
  }

  @Test
  void aCaseWaitingLongerThanItsQueueAllowsMovesToTheOverflowQueueAndIsAssignedThere() {
    BrandSummary brand = fx.brand();
    UserId away = fx.agent(brand); // offline: the first queue has nobody to give cases to
    UserId backup = fx.onlineAgent(brand);
    var overflow = fx.routing.create(brand.id(), "Backup", true, false, List.of(backup));
    var first =
        fx.routing.create(
            brand.id(),
            "Front",
            true,
            true,
            List.of(away),
            new QueueSettings(
                AssignmentPolicy.ROUND_ROBIN,
                overflow.id(),
                Duration.ofMinutes(5),
                Handback.NOT_STARTED));

    CaseView aCase = fx.open(brand, "email");
    assertThat(aCase.queueId()).isEqualTo(first.id());

    fx.routing.overflow(Instant.now());
    assertThat(fx.cases.find(aCase.id()).orElseThrow().queueId()).isEqualTo(first.id());

    assertThat(fx.routing.overflow(Instant.now().plus(Duration.ofMinutes(6)))).isPositive();
    CaseView moved = fx.cases.find(aCase.id()).orElseThrow();
    assertThat(moved.queueId()).isEqualTo(overflow.id());
    assertThat(moved.assignee()).isEqualTo(backup);
  }

  @Test
  void assignedCasesNeverOverflow() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    var overflow = fx.routing.create(brand.id(), "Spill", false, false, List.of());
    fx.routing.create(
        brand.id(),
        "Main",
        true,
        true,
        List.of(agent),
        new QueueSettings(
            AssignmentPolicy.LEAST_LOADED, overflow.id(), Duration.ofMinutes(1), Handback.NONE));

    CaseView aCase = fx.awaitAssigned(fx.open(brand, "email").id());
    fx.routing.overflow(Instant.now().plus(Duration.ofHours(1)));

    assertThat(fx.cases.find(aCase.id()).orElseThrow().queueId()).isNotEqualTo(overflow.id());
  }

  @Test
  void anOverflowQueueMustBeAnotherQueueOfTheSameBrand() {
    BrandSummary brand = fx.brand();
    BrandSummary other = fx.brand();
    var queue = fx.routing.create(brand.id(), "Self", false, true, List.of());
    var foreign = fx.routing.create(other.id(), "Foreign", false, true, List.of());

    assertThatThrownBy(
            () ->
                fx.routing.configure(
                    queue.id(),
                    new QueueSettings(
                        AssignmentPolicy.ROUND_ROBIN,
                        queue.id(),
                        Duration.ofMinutes(1),
                        Handback.NOT_STARTED)))
        .hasMessage("queue.overflow.invalid");
    assertThatThrownBy(
            () ->
                fx.routing.configure(
                    queue.id(),
                    new QueueSettings(
                        AssignmentPolicy.ROUND_ROBIN,
                        foreign.id(),
                        Duration.ofMinutes(1),
                        Handback.NOT_STARTED)))
        .hasMessage("queue.overflow.invalid");
  }
}
