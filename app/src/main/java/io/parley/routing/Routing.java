package io.parley.routing;

import io.parley.conversations.CaseChanged;
import io.parley.conversations.CaseId;
import io.parley.conversations.CaseOpened;
import io.parley.conversations.CaseRejected;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.QueueDirectory;
import io.parley.conversations.WaitingCase;
import io.parley.conversations.Workload;
import io.parley.identity.BrandId;
import io.parley.identity.PresenceChanged;
import io.parley.identity.PresenceStatus;
import io.parley.identity.UserId;
import io.parley.routing.internal.Dispatcher;
import io.parley.routing.internal.Queue;
import io.parley.routing.internal.QueueAdministration;
import io.parley.routing.internal.QueueRepository;
import io.parley.shared.AfterCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes cases: every new case lands in a queue (one already set on it, else its brand's default)
 * and, where the queue auto-assigns, goes to an online agent with the skills it requires and a free
 * slot for its channel, picked by the queue's policy. Cases waiting too long overflow to another
 * queue; an agent going offline hands back the cases not yet started; an agent coming online or
 * freeing a slot pulls waiting cases, most urgent and longest waiting first.
 */
@Service
public class Routing implements QueueDirectory, io.parley.conversations.OpeningContributor {

  private static final Logger log = LoggerFactory.getLogger(Routing.class);
  private static final int ATTEMPTS = 10;
  // A drain stops after this many cases in a row that nobody could take.
  private static final int DRAIN_MISSES = 10;

  /** The cases this transaction opened, routed together after it commits. */
  private final io.parley.shared.TransactionMemo<String, List<CaseOpened>> openedNow =
      new io.parley.shared.TransactionMemo<>();

  /** Each brand's default queue, asked once per transaction (a batch opens many cases). */
  private final io.parley.shared.TransactionMemo<Long, java.util.Optional<Long>> defaultQueues =
      new io.parley.shared.TransactionMemo<>();

  private final QueueRepository queues;
  private final QueueAdministration administration;
  private final Dispatcher dispatcher;
  private final Cases cases;
  private final Workload workload;
  private final io.parley.routing.internal.RoutingProperties properties;
  private final TransactionTemplate transactions;
  private final java.util.concurrent.Executor executor;

  Routing(
      QueueRepository queues,
      QueueAdministration administration,
      Dispatcher dispatcher,
      Cases cases,
      Workload workload,
      io.parley.routing.internal.RoutingProperties properties,
      PlatformTransactionManager transactionManager,
      @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor")
          java.util.concurrent.Executor executor) {
    this.executor = executor;
    this.transactions = new TransactionTemplate(transactionManager);
    this.queues = queues;
    this.administration = administration;
    this.dispatcher = dispatcher;
    this.cases = cases;
    this.workload = workload;
    this.properties = properties;
  }

  /**
   * A case opens in its brand's default queue when nothing else puts it in one, so that routing
   * after the commit only has to look for an agent (it used to move the case there, a second change
   * recorded, audited and routed again).
   */
  @Override
  public Contribution contribute(
      BrandId brand,
      io.parley.customers.CustomerId customer,
      io.parley.conversations.Priority priority,
      Instant openedAt) {
    return defaultQueues
        .get(brand.value(), queues::findDefaultIdOf)
        .map(id -> new Contribution(java.util.Set.of(), null, id))
        .orElse(Contribution.NONE);
  }

  /**
   * Routes each new case after it is committed, on the application's task executor. Not through
   * Spring Modulith's event publication registry: that wrote, updated and completed a row per event
   * and case (nine statements per new case, a fifth of an intake's); routing needs no such journal,
   * because the sweep finds what was missed (a case in no queue, waiting cases of every queue).
   */
  @EventListener
  void on(CaseOpened opened) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      afterCommitAsync(() -> routeOpened(List.of(opened)));
      return;
    }
    // The cases a transaction opens (a page of posts opens many) are routed by one task.
    openedNow
        .get(
            "opened",
            k -> {
              List<CaseOpened> batch = new ArrayList<>();
              afterCommitAsync(() -> routeOpened(batch));
              return batch;
            })
        .add(opened);
  }

  /**
   * Routes new cases in the order they opened. Once a queue is found unable to take a case of a
   * channel type now (it does not assign automatically, none of its members is online, or a case
   * needing no skill found nobody with a free slot for the type), the batch's later cases of that
   * queue and type wait without being read or the agents' desks locked to learn the same: an agent
   * coming online or freeing a slot pulls them, and the sweep offers them again.
   */
  private void routeOpened(List<CaseOpened> opened) {
    java.util.Set<List<Object>> full = new java.util.HashSet<>();
    for (CaseOpened aCase : opened) {
      List<Object> queueAndType = java.util.Arrays.asList(aCase.queueId(), aCase.channelType());
      if (aCase.queueId() != null && full.contains(queueAndType)) {
        continue;
      }
      if (routeTelling(aCase.id()).queueFull() && aCase.queueId() != null) {
        full.add(queueAndType);
      }
    }
  }

  /**
   * A case moved queue or lost its agent: offer it again. A case that closed or merged freed a
   * slot: its agent's queues offer their waiting cases.
   */
  @EventListener
  void on(CaseChanged changed) {
    String kind = changed.kind();
    boolean reroute = kind.contains("queue") || kind.contains("assignee");
    boolean freed = kind.contains("status") || kind.contains("merged");
    if (!reroute && !freed) {
      return; // tags, priority, subject...: nothing for routing
    }
    afterCommitAsync(
        () -> {
          if (reroute) {
            route(changed.id());
          }
          if (freed) {
            cases
                .find(changed.id())
                .filter(c -> !c.status().isActive() && c.assignee() != null)
                .ifPresent(c -> pullFor(c.assignee()));
          }
        });
  }

  /** Online: the agent pulls waiting cases. Offline: the cases they had not started go back. */
  @EventListener
  void on(PresenceChanged changed) {
    afterCommitAsync(
        () -> {
          if (changed.status() == PresenceStatus.ONLINE) {
            pullFor(changed.user());
          } else if (changed.status() == PresenceStatus.OFFLINE) {
            handBack(changed.user());
          }
        });
  }

  /** Runs after the current transaction commits (at once without one), off the caller's thread. */
  private void afterCommitAsync(Runnable work) {
    Runnable logged =
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            log.warn("Routing after a change failed; the sweep tries again", e);
          }
        };
    AfterCommit.run(() -> executor.execute(logged));
  }

  /**
   * Routes one case in its own transaction, again after a concurrent change; safe to call any
   * number of times (an assigned or finished case is left as it is).
   */
  public RouteOutcome route(CaseId id) {
    return routeTelling(id).outcome();
  }

  private Dispatcher.Routed routeTelling(CaseId id) {
    try {
      return retrying(() -> dispatcher.route(id), "route case #" + id.value());
    } catch (CaseRejected e) {
      return new Dispatcher.Routed(RouteOutcome.NONE, false); // closed or merged meanwhile
    } catch (ConcurrencyFailureException e) {
      log.warn("Case #{} left waiting after {} concurrent changes", id.value(), ATTEMPTS);
      // nothing changed; the next sweep offers it again
      return new Dispatcher.Routed(RouteOutcome.WAITING, false);
    }
  }

  /** Kept for callers of the first version; the brand comes from the case. */
  public void route(CaseId id, BrandId brand) {
    route(id);
  }

  /** Offers a queue's waiting cases to its agents, most urgent and longest waiting first. */
  public int drain(long queueId) {
    int assigned = 0;
    int misses = 0;
    for (WaitingCase waiting : workload.waiting(queueId, properties.drainBatch())) {
      RouteOutcome outcome = route(waiting.aCase().id());
      if (outcome == RouteOutcome.ASSIGNED) {
        assigned++;
        misses = 0;
      } else if (outcome == RouteOutcome.WAITING && ++misses >= DRAIN_MISSES) {
        break;
      }
    }
    return assigned;
  }

  /** The agent's auto-assigning queues offer their waiting cases. */
  public void pullFor(UserId agent) {
    for (Queue queue : transactions.execute(s -> queues.withMember(agent.value()))) {
      if (queue.isAutoAssign()) {
        drain(queue.getId());
      }
    }
  }

  /**
   * Hands an offline agent's not-yet-started cases (as their queues define it) back to their queues
   * and routes each again. Returns the cases handed back.
   */
  public List<CaseId> handBack(UserId agent) {
    List<CaseId> back = retrying(() -> dispatcher.handBack(agent), "hand back #" + agent.value());
    back.forEach(this::route);
    return back;
  }

  /**
   * A supervisor gives a case to an agent: refused (with a message key) when the agent is offline
   * or has no free slot for the case's channel.
   */
  public Optional<String> reassign(CaseId id, UserId agent, UserId actor) {
    Optional<CaseView> before = cases.find(id);
    Optional<String> refused =
        retrying(() -> dispatcher.reassign(id, agent, actor), "reassign #" + id.value());
    if (refused.isEmpty()) {
      before.map(CaseView::assignee).filter(a -> !a.equals(agent)).ifPresent(this::pullFor);
    }
    return refused;
  }

  /**
   * Moves cases that waited unassigned longer than their queue allows to its overflow queue and
   * routes them there. A queue another node is sweeping is skipped.
   */
  public int overflow(Instant now) {
    int moved = 0;
    for (Queue queue : transactions.execute(s -> queues.findByOverflowQueueIdNotNull())) {
      Instant before = now.minus(queue.overflowAfter());
      for (WaitingCase waiting : workload.waitingSince(queue.getId(), before, 100)) {
        CaseId id = waiting.aCase().id();
        Boolean done =
            retryingOrNull(
                () -> {
                  if (queues.tryLock(queue.getId()).isEmpty()) {
                    return null; // another node is on this queue
                  }
                  CaseView now2 = cases.find(id).orElse(null);
                  if (now2 == null
                      || now2.assignee() != null
                      || !now2.status().isActive()
                      || !queue.getId().equals(now2.queueId())) {
                    return false;
                  }
                  cases.moveToQueue(id, queue.getOverflowQueueId(), null);
                  return true;
                });
        if (done == null) {
          break;
        }
        if (done) {
          moved++;
          log.debug("Case #{} overflowed from queue #{}", id.value(), queue.getId());
          route(id);
        }
      }
    }
    return moved;
  }

  /**
   * Every node, now and then: overflow, then offer waiting cases of auto-assigning queues (behind
   * the events that do it at once, in case one was missed).
   */
  @Scheduled(
      fixedDelayString = "${parley.routing.sweep-interval:10s}",
      initialDelayString = "${parley.routing.sweep-interval:10s}")
  void sweep() {
    try {
      Instant now = Instant.now();
      List<Long> brandsWithDefault = transactions.execute(s -> queues.brandsWithDefault());
      for (CaseId missed :
          workload.unqueued(brandsWithDefault, now.minusSeconds(30), properties.drainBatch())) {
        route(missed);
      }
      overflow(now);
      var autoAssign = transactions.execute(s -> queues.findByAutoAssignTrue());
      var backlog = workload.backlog(autoAssign.stream().map(Queue::getId).toList());
      for (Queue queue : autoAssign) {
        if (backlog.containsKey(queue.getId())) {
          drain(queue.getId());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Routing sweep failed; next sweep tries again", e);
    }
  }

  private <T> T retrying(Supplier<T> work, String what) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(s -> work.get());
      } catch (ConcurrencyFailureException | CaseRejected e) {
        if (e instanceof CaseRejected r && !"case.stale".equals(r.getMessage())) {
          throw r;
        }
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        log.debug("{}: again after a concurrent change ({})", what, e.getClass().getSimpleName());
        try {
          Thread.sleep(attempt * 5L);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private Boolean retryingOrNull(Supplier<Boolean> work) {
    try {
      return retrying(work, "overflow");
    } catch (ConcurrencyFailureException | CaseRejected e) {
      return false;
    }
  }

  @Override
  @Transactional(readOnly = true)
  public List<Long> queuesOf(UserId user) {
    return queues.idsWithMember(user.value());
  }

  @Transactional(readOnly = true)
  public List<QueueSummary> all() {
    return administration.all();
  }

  /** Creates a round-robin or manual queue; used by admins and the demo. */
  @Transactional
  public QueueSummary create(
      BrandId brand, String name, boolean autoAssign, boolean isDefault, List<UserId> members) {
    return administration.create(
        brand, name, autoAssign, isDefault, members, QueueSettings.ROUND_ROBIN);
  }

  /** Creates a queue with its policy, overflow and hand-back settings. */
  @Transactional
  public QueueSummary create(
      BrandId brand,
      String name,
      boolean autoAssign,
      boolean isDefault,
      List<UserId> members,
      QueueSettings settings) {
    return administration.create(brand, name, autoAssign, isDefault, members, settings);
  }

  /** Changes a queue's settings; its members and default flag stay. */
  @Transactional
  public QueueSummary configure(long queueId, QueueSettings settings) {
    return administration.settle(queueId, settings);
  }

  /** An agent's skills, every brand. */
  @Transactional(readOnly = true)
  public List<AgentSkill> skillsOf(UserId agent) {
    return administration.skillsOf(agent);
  }

  /** Replaces an agent's skills; names are folded to lower case. */
  @Transactional
  public void setSkills(UserId agent, List<AgentSkill> skills) {
    administration.setSkills(agent, skills);
  }

  /** Replaces an agent's own capacities by channel type (the rest follow their brand's). */
  @Transactional
  public void setCapacities(UserId agent, java.util.Map<String, Integer> capacities) {
    administration.setAgentCapacities(agent, capacities);
    AfterCommit.run(() -> pullFor(agent));
  }

  /**
   * Replaces an agent's skills and own capacities at once; if either is refused, neither changes.
   */
  @Transactional
  public void setSkillsAndCapacities(
      UserId agent, List<AgentSkill> skills, java.util.Map<String, Integer> capacities) {
    administration.setSkillsAndCapacities(agent, skills, capacities);
    AfterCommit.run(() -> pullFor(agent));
  }

  /** Replaces a brand's default capacities by channel type. */
  @Transactional
  public void setBrandCapacities(BrandId brand, java.util.Map<String, Integer> capacities) {
    administration.setBrandCapacities(brand, capacities);
  }
}
