package io.parley.routing;

import static org.awaitility.Awaitility.await;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.NewCase;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.NewUser;
import io.parley.identity.PresenceStatus;
import io.parley.identity.Presences;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Brands, agents and cases for routing tests, each with names no other test uses. */
class RoutingFixture {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  final Brands brands;
  final Users users;
  final Cases cases;
  final Presences presences;
  final Routing routing;
  private final TransactionTemplate transactions;

  RoutingFixture(ApplicationContext context) {
    this.brands = context.getBean(Brands.class);
    this.users = context.getBean(Users.class);
    this.cases = context.getBean(Cases.class);
    this.presences = context.getBean(Presences.class);
    this.routing = context.getBean(Routing.class);
    this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
  }

  static String unique(String base) {
    return base + SEQUENCE.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100_000, 36);
  }

  BrandSummary brand() {
    String code = unique("rt");
    String prefix = ("R" + code.replaceAll("[^a-z0-9]", "")).toUpperCase();
    return brands.register(
        code, "Routing " + code, prefix.substring(0, Math.min(16, prefix.length())));
  }

  UserId agent(BrandSummary brand) {
    String name = unique("agent");
    return users
        .register(
            new NewUser(
                name,
                name,
                name + "@routing.example",
                Role.AGENT,
                "a-long-password-1",
                null,
                Set.of(brand.id())))
        .id();
  }

  UserId onlineAgent(BrandSummary brand) {
    UserId agent = agent(brand);
    presences.set(agent, PresenceStatus.ONLINE);
    return agent;
  }

  /**
   * These agents' consoles stay open until closed: they report in every few seconds, as the console
   * page does, so a long test does not see them turned offline for silence.
   */
  AutoCloseable consolesOpen(java.util.List<UserId> agents) {
    var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    timer.scheduleWithFixedDelay(
        () -> agents.forEach(presences::seen), 0, 5, java.util.concurrent.TimeUnit.SECONDS);
    return timer::shutdownNow;
  }

  /** Opens a case and waits until routing has put it in a queue. */
  CaseView open(BrandSummary brand, String channelType) {
    CaseView opened =
        cases.open(new NewCase(brand.id(), "", null, null, null, channelType, "Help please", null));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases.find(opened.id()).orElseThrow().queueId() != null);
    return cases.find(opened.id()).orElseThrow();
  }

  /**
   * Opens a case already tagged and put in a queue in the opening transaction, as a listening rule
   * or a service tier does; routing runs after the commit.
   */
  CaseView openInQueue(BrandSummary brand, String channelType, long queueId, String... tags) {
    return transactions.execute(
        s -> {
          CaseView opened =
              cases.open(
                  new NewCase(brand.id(), "", null, null, null, channelType, "Help please", null));
          if (tags.length > 0) {
            cases.update(
                opened.id(),
                new CaseUpdate(null, null, null, null, false, Set.of(tags)),
                null,
                null);
          }
          cases.moveToQueue(opened.id(), queueId, null);
          return opened;
        });
  }

  CaseView awaitAssigned(CaseId id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> cases.find(id).orElseThrow().assignee() != null);
    return cases.find(id).orElseThrow();
  }

  UserId assigneeOf(CaseId id) {
    return cases.find(id).orElseThrow().assignee();
  }

  boolean assignedTo(CaseId id, UserId agent) {
    return Objects.equals(assigneeOf(id), agent);
  }
}
