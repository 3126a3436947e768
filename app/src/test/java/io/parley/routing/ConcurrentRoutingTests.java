package io.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseView;
import io.parley.conversations.Workload;
import io.parley.identity.BrandSummary;
import io.parley.identity.PresenceStatus;
import io.parley.identity.UserId;
import io.parley.routing.internal.QueueAdministration;
import io.parley.support.ParleyTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Many threads routing many cases at once on the real PostgreSQL: capacity is never exceeded, and
 * an agent going offline in the middle loses or doubles no case.
 */
@ParleyTest
class ConcurrentRoutingTests {

  @Autowired ApplicationContext context;
  @Autowired Workload workload;
  @Autowired QueueAdministration queueAdministration;
  RoutingFixture fx;

  @BeforeEach
  void setUp() {
    fx = new RoutingFixture(context);
  }

  @Test
  void capacityIsNeverExceededWhenManyThreadsRouteManyCasesThroughTwoQueuesAtOnce()
      throws Exception {
    BrandSummary brand = fx.brand();
    List<UserId> agents = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      agents.add(fx.agent(brand));
    }
    fx.routing.setBrandCapacities(brand.id(), Map.of("email", 3, "webchat", 2));
    fx.routing.setCapacities(agents.get(4), Map.of("email", 5));
    // Both queues start manual: the cases all wait, then every thread offers them at once.
    var least =
        fx.routing.create(
            brand.id(),
            "Least",
            false,
            true,
            agents,
            QueueSettings.of(AssignmentPolicy.LEAST_LOADED));
    var rr = fx.routing.create(brand.id(), "RR", false, false, agents, QueueSettings.ROUND_ROBIN);
    List<CaseView> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String type = i % 4 == 0 ? "webchat" : "email";
      all.add(fx.openInQueue(brand, type, i % 2 == 0 ? least.id() : rr.id()));
    }
    queueAdministration.configure(least.id(), true, true, agents);
    queueAdministration.configure(rr.id(), true, false, agents);
    agents.forEach(a -> fx.presences.set(a, PresenceStatus.ONLINE));
    AutoCloseable consoles = fx.consolesOpen(agents);

    List<CaseId> ids = new ArrayList<>(all.stream().map(CaseView::id).toList());
    long started = System.nanoTime();
    runAtOnce(
        16,
        thread -> {
          List<CaseId> mine = new ArrayList<>(ids);
          Collections.shuffle(mine, new java.util.Random(thread));
          for (CaseId id : mine.subList(0, 60)) {
            fx.routing.route(id);
          }
          if (thread % 4 == 0) {
            fx.routing.drain(thread % 8 == 0 ? least.id() : rr.id());
          }
          return null;
        });
    System.out.printf(
        "Routing: 16 threads offered 120 cases %d times over two queues in %d ms%n",
        16 * 60, (System.nanoTime() - started) / 1_000_000);

    // email: 4 agents × 3 + 5 = 17 slots; webchat: 5 × 2 = 10 slots.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> assigned(all, "email") == 17 && assigned(all, "webchat") == 10);
    fx.routing.drain(least.id());
    fx.routing.drain(rr.id());

    Map<UserId, Map<String, Long>> load = workload.load(agents);
    for (int i = 0; i < agents.size(); i++) {
      Map<String, Long> held = load.getOrDefault(agents.get(i), Map.of());
      assertThat(held.getOrDefault("email", 0L)).isEqualTo(i == 4 ? 5 : 3);
      assertThat(held.getOrDefault("webchat", 0L)).isEqualTo(2);
    }
    assertThat(assigned(all, "email")).isEqualTo(17);
    assertThat(assigned(all, "webchat")).isEqualTo(10);
    consoles.close();
    assertThat(all)
        .allSatisfy(
            c -> {
              CaseView now = fx.cases.find(c.id()).orElseThrow();
              assertThat(now.queueId()).isIn(least.id(), rr.id());
              assertThat(now.assignee())
                  .isIn(
                      null,
                      agents.get(0),
                      agents.get(1),
                      agents.get(2),
                      agents.get(3),
                      agents.get(4));
            });
  }

  @Test
  void noCaseIsLostOrDoubledWhenAnAgentGoesOfflineInTheMiddleOfAssignment() throws Exception {
    BrandSummary brand = fx.brand();
    UserId leaving = fx.agent(brand);
    UserId ann = fx.agent(brand);
    UserId bob = fx.agent(brand);
    List<UserId> agents = List.of(leaving, ann, bob);
    fx.routing.setBrandCapacities(brand.id(), Map.of("email", 6));
    var queue =
        fx.routing.create(
            brand.id(),
            "Busy",
            false,
            true,
            agents,
            QueueSettings.of(AssignmentPolicy.LONGEST_IDLE));
    List<CaseView> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      all.add(fx.openInQueue(brand, "email", queue.id()));
    }
    queueAdministration.configure(queue.id(), true, true, agents);
    agents.forEach(a -> fx.presences.set(a, PresenceStatus.ONLINE));
    AutoCloseable consoles = fx.consolesOpen(agents);
    List<CaseId> ids = all.stream().map(CaseView::id).toList();

    runAtOnce(
        9,
        thread -> {
          if (thread == 0) {
            // The agent flickers, and ends offline, while the others route.
            for (int i = 0; i < 6; i++) {
              fx.presences.set(
                  leaving, i % 2 == 0 ? PresenceStatus.OFFLINE : PresenceStatus.ONLINE);
              fx.routing.route(ids.get(i));
            }
            fx.presences.set(leaving, PresenceStatus.OFFLINE);
            return null;
          }
          List<CaseId> mine = new ArrayList<>(ids);
          Collections.shuffle(mine, new java.util.Random(thread));
          for (CaseId id : mine) {
            fx.routing.route(id);
          }
          return null;
        });

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Map<UserId, Map<String, Long>> load = workload.load(agents);
              return held(load, leaving) == 0 && held(load, ann) == 6 && held(load, bob) == 6;
            });
    consoles.close();

    List<CaseView> now = all.stream().map(c -> fx.cases.find(c.id()).orElseThrow()).toList();
    assertThat(now).hasSize(60).allSatisfy(c -> assertThat(c.queueId()).isEqualTo(queue.id()));
    assertThat(now).filteredOn(c -> Objects.equals(c.assignee(), leaving)).isEmpty();
    assertThat(now).filteredOn(c -> ann.equals(c.assignee())).hasSize(6);
    assertThat(now).filteredOn(c -> bob.equals(c.assignee())).hasSize(6);
    assertThat(now).filteredOn(c -> c.assignee() == null).hasSize(48);
    // Nothing left anywhere else: every case is either on a desk or waiting in the queue.
    assertThat(workload.waiting(queue.id(), 1000)).hasSize(48);
  }

  private long assigned(List<CaseView> cases, String type) {
    return cases.stream()
        .filter(c -> c.channelType().equals(type))
        .map(c -> fx.cases.find(c.id()).orElseThrow())
        .filter(c -> c.assignee() != null)
        .count();
  }

  private static long held(Map<UserId, Map<String, Long>> load, UserId agent) {
    return load.getOrDefault(agent, Map.of()).getOrDefault("email", 0L);
  }

  interface Work {
    Void run(int thread) throws Exception;
  }

  /** Starts every thread's work at the same moment and waits for all; rethrows any failure. */
  private static void runAtOnce(int threads, Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Void> task =
            () -> {
              start.await();
              return work.run(thread);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Void> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
