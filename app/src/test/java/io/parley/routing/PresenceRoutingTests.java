package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.conversations.CaseView;
import io.parley.identity.BrandSummary;
import io.parley.identity.PresenceStatus;
import io.parley.identity.UserId;
import io.parley.support.ParleyTest;
import io.parley.support.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@ParleyTest
class PresenceRoutingTests {

  @Autowired ApplicationContext context;
  @LocalServerPort int port;
  RoutingFixture fx;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
  }

  @Test
  void offlineAgentsGetNothingAndPullWaitingCasesWhenTheyComeOnline() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);
    fx.routing.create(brand.id(), "Pull", true, true, List.of(agent));
    assertThat(fx.presences.of(agent)).isEqualTo(PresenceStatus.OFFLINE);

    CaseView older = fx.open(brand, "email");
    CaseView newer = fx.open(brand, "email");
    assertThat(fx.assigneeOf(older.id())).isNull();

    fx.presences.set(agent, PresenceStatus.ONLINE);

    fx.awaitAssigned(older.id());
    fx.awaitAssigned(newer.id());
    assertThat(fx.assigneeOf(older.id())).isEqualTo(agent);
  }

  @Test
  void whenASlotFreesTheMostUrgentThenLongestWaitingCaseIsPulled() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.setCapacities(agent, Map.of("phone", 1));
    var queue = fx.routing.create(brand.id(), "Calls", true, true, List.of(agent));

    CaseView first = fx.awaitAssigned(fx.open(brand, "phone").id());
    CaseView normal = fx.open(brand, "phone");
    CaseView urgent = fx.openInQueue(brand, "phone", queue.id());
    fx.cases.update(
        urgent.id(),
        new io.parley.conversations.CaseUpdate(
            null, null, io.parley.conversations.Priority.URGENT, null, false, null),
        null,
        null);
    assertThat(fx.assigneeOf(normal.id())).isNull();

    fx.cases.changeStatus(first.id(), io.parley.conversations.CaseStatus.SOLVED, null);

    fx.awaitAssigned(urgent.id());
    assertThat(fx.assigneeOf(normal.id())).isNull();
  }

  @Test
  void aQueuesWaitingCasesComeMostUrgentFirstThenLongestWaiting() {
    BrandSummary brand = fx.brand();
    // Nobody online: every case waits.
    var queue = fx.routing.create(brand.id(), "Backlog", true, true, List.of(fx.agent(brand)));
    CaseView lowOldest = waitingWith(brand, queue.id(), io.parley.conversations.Priority.LOW);
    CaseView normalOlder = waitingWith(brand, queue.id(), io.parley.conversations.Priority.NORMAL);
    CaseView urgent = waitingWith(brand, queue.id(), io.parley.conversations.Priority.URGENT);
    CaseView normalNewer = waitingWith(brand, queue.id(), io.parley.conversations.Priority.NORMAL);
    CaseView high = waitingWith(brand, queue.id(), io.parley.conversations.Priority.HIGH);
    var workload = context.getBean(io.parley.conversations.Workload.class);

    assertThat(workload.waiting(queue.id(), 10))
        .extracting(w -> w.aCase().id())
        .containsExactly(
            urgent.id(), high.id(), normalOlder.id(), normalNewer.id(), lowOldest.id());
    assertThat(workload.waiting(queue.id(), 3))
        .extracting(w -> w.aCase().id())
        .containsExactly(urgent.id(), high.id(), normalOlder.id());
    // Taken by an agent: no longer waiting.
    fx.cases.assign(high.id(), fx.agent(brand));
    assertThat(workload.waiting(queue.id(), 2))
        .extracting(w -> w.aCase().id())
        .containsExactly(urgent.id(), normalOlder.id());
  }

  private CaseView waitingWith(
      BrandSummary brand, long queueId, io.parley.conversations.Priority priority) {
    CaseView aCase = fx.openInQueue(brand, "phone", queueId);
    fx.cases.update(
        aCase.id(),
        new io.parley.conversations.CaseUpdate(null, null, priority, null, false, null),
        null,
        null);
    return aCase;
  }

  @Test
  void awayAgentsKeepTheirCasesButGetNoNewOnes() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.create(brand.id(), "Away", true, true, List.of(agent));
    CaseView mine = fx.awaitAssigned(fx.open(brand, "email").id());

    fx.presences.set(agent, PresenceStatus.AWAY);
    CaseView next = fx.open(brand, "email");
    fx.routing.route(next.id());

    assertThat(fx.assigneeOf(next.id())).isNull();
    assertThat(fx.assigneeOf(mine.id())).isEqualTo(agent);
  }

  @Test
  void goingOfflineHandsBackCasesNotYetStartedToBeRoutedAgain() {
    BrandSummary brand = fx.brand();
    UserId leaving = fx.onlineAgent(brand);
    var queue =
        fx.routing.create(
            brand.id(),
            "Handback",
            true,
            true,
            List.of(leaving),
            QueueSettings.of(AssignmentPolicy.LEAST_LOADED));
    CaseView started = fx.awaitAssigned(fx.open(brand, "email").id());
    fx.cases.reply(started.id(), leaving, "On it.");
    CaseView notStarted = fx.awaitAssigned(fx.open(brand, "email").id());
    UserId staying = fx.onlineAgent(brand);
    io.parley.routing.internal.QueueAdministration admin =
        context.getBean(io.parley.routing.internal.QueueAdministration.class);
    admin.configure(queue.id(), true, true, List.of(leaving, staying));

    fx.presences.set(leaving, PresenceStatus.OFFLINE);

    await().atMost(Duration.ofSeconds(30)).until(() -> fx.assignedTo(notStarted.id(), staying));
    assertThat(fx.assigneeOf(started.id())).isEqualTo(leaving);
  }

  @Test
  void allOpenHandbackTakesBackStartedCasesToo() {
    BrandSummary brand = fx.brand();
    UserId leaving = fx.onlineAgent(brand);
    fx.routing.create(
        brand.id(),
        "All back",
        true,
        true,
        List.of(leaving),
        new QueueSettings(AssignmentPolicy.ROUND_ROBIN, null, null, Handback.ALL_OPEN));
    CaseView started = fx.awaitAssigned(fx.open(brand, "email").id());
    fx.cases.reply(started.id(), leaving, "On it.");

    fx.presences.set(leaving, PresenceStatus.OFFLINE);
    List<io.parley.conversations.CaseId> back = fx.routing.handBack(leaving);

    await().atMost(Duration.ofSeconds(30)).until(() -> fx.assigneeOf(started.id()) == null);
    assertThat(fx.cases.find(started.id()).orElseThrow().queueId()).isNotNull();
    assertThat(back.size()).isLessThanOrEqualTo(1); // the event may have handed it back first
  }

  @Test
  void aConsoleThatFallsSilentTurnsItsAgentOffline() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.onlineAgent(brand);
    fx.routing.create(brand.id(), "Silent", true, true, List.of(agent));
    CaseView held = fx.awaitAssigned(fx.open(brand, "email").id());

    fx.presences.seen(agent);
    fx.presences.expireSilentSince(Instant.now().minus(Duration.ofHours(1)));
    assertThat(fx.presences.of(agent)).isEqualTo(PresenceStatus.ONLINE);

    fx.presences.expireSilentSince(Instant.now().plusSeconds(1));

    assertThat(fx.presences.of(agent)).isEqualTo(PresenceStatus.OFFLINE);
    await().atMost(Duration.ofSeconds(30)).until(() -> fx.assigneeOf(held.id()) == null);
  }

  @Test
  void signingInTurnsStaffOnlineTheHeaderChangesItAndSigningOutTurnsThemOffline() {
    BrandSummary brand = fx.brand();
    UserId agent = fx.agent(brand);
    String username = fx.users.find(agent).orElseThrow().username();
    WebClient web = new WebClient(port);

    web.login(username, "a-long-password-1");
    assertThat(fx.presences.of(agent)).isEqualTo(PresenceStatus.ONLINE);
    assertThat(web.get("/").body()).contains("id=\"presence-picker\"");

    assertThat(web.post("/presence", Map.of("status", "AWAY")).statusCode()).isEqualTo(200);
    assertThat(fx.presences.of(agent)).isEqualTo(PresenceStatus.AWAY);
    assertThat(web.post("/presence", Map.of("status", "ASLEEP")).statusCode()).isEqualTo(400);
    assertThat(web.post("/presence/heartbeat", Map.of()).statusCode()).isEqualTo(204);

    web.post("/logout", Map.of());
    assertThat(fx.presences.of(agent)).isEqualTo(PresenceStatus.OFFLINE);
  }
}
