package io.parley.routing.internal;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.Workload;
import io.parley.identity.BrandId;
import io.parley.identity.PresenceStatus;
import io.parley.identity.Presences;
import io.parley.identity.UserId;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import io.parley.routing.RouteOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives cases to agents. Every method runs inside the caller's transaction and locks, in this
 * order, the case's queue and then the desks of the agents it may give the case to (in id order):
 * whatever it then reads of their presence and load was committed before it got the locks, and
 * nobody else gives them a case until it commits. That is what keeps capacity exact across threads
 * and nodes. A case changed by someone else meanwhile fails the transaction (the case's version)
 * and the caller tries again.
 */
@Component
public class Dispatcher {

  /** A case's required skills are its tags of this form, e.g. {@code skill:zh}. */
  public static final String SKILL_TAG = "skill:";

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final QueueRepository queues;
  private final Cases cases;
  private final Workload workload;
  private final Users users;
  private final Presences presences;
  private final Desks desks;
  private final RoutingProperties properties;

  Dispatcher(
      QueueRepository queues,
      Cases cases,
      Workload workload,
      Users users,
      Presences presences,
      Desks desks,
      RoutingProperties properties) {
    this.queues = queues;
    this.cases = cases;
    this.workload = workload;
    this.users = users;
    this.presences = presences;
    this.desks = desks;
    this.properties = properties;
  }

  @jakarta.persistence.PersistenceContext private jakarta.persistence.EntityManager entityManager;

  /**
   * What routing a case came to, and whether its queue has no room now for any case of the case's
   * channel type: it cannot assign, or a case that needs no skill found no online member with a
   * free slot for the type (a case that needs skills could only find fewer).
   */
  public record Routed(RouteOutcome outcome, boolean queueFull) {

    static final Routed NONE = new Routed(RouteOutcome.NONE, false);
  }

  /**
   * Puts the case in a queue if it has none (its brand's default: a queue set before, by a
   * listening rule or a service tier, is kept) and, if that queue auto-assigns, gives it to the
   * agent the queue's policy picks among those online, with every skill the case requires and a
   * free slot for its channel type.
   */
  public Routed route(CaseId id) {
    CaseView aCase = cases.find(id).orElse(null);
    if (aCase == null || !aCase.status().isActive() || aCase.assignee() != null) {
      return Routed.NONE;
    }
    Queue queue;
    if (aCase.queueId() == null) {
      Optional<Queue> byDefault = queues.findDefaultOf(aCase.brand().value());
      if (byDefault.isEmpty()) {
        return Routed.NONE;
      }
      queue = byDefault.get();
      cases.moveToQueue(id, queue.getId(), null);
    } else {
      queue = queues.findById(aCase.queueId()).orElse(null);
      if (queue == null) {
        return Routed.NONE;
      }
    }
    if (!queue.isAutoAssign() || !anyoneOnline(queue)) {
      // Waits without having locked anything: in a burst of new cases most find every agent busy
      // or away, and must not queue behind each other for the queue's lock to learn it. An agent
      // who comes online or frees a slot pulls the waiting cases, and the sweep offers them again.
      return new Routed(RouteOutcome.WAITING, true);
    }
    // Locked and read again: the copy read above may be older than what the last holder wrote
    // (the round-robin position).
    entityManager.refresh(queue, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    Optional<Long> chosen = pick(queue, aCase);
    if (chosen.isEmpty()) {
      return new Routed(RouteOutcome.WAITING, requiredSkills(aCase).isEmpty());
    }
    Instant now = Instant.now();
    cases.update(
        id, new CaseUpdate(null, null, null, new UserId(chosen.get()), false, null), null, null);
    desks.assigned(chosen.get(), now);
    log.debug(
        "Case {} assigned to user #{} ({})", aCase.reference(), chosen.get(), queue.getPolicy());
    return new Routed(RouteOutcome.ASSIGNED, false);
  }

  /**
   * Whether any member of the queue is online (counted without locks and without loading presence
   * entities, which {@link #pick} would then see instead of what is committed under its locks).
   */
  private boolean anyoneOnline(Queue queue) {
    return presences.anyOnline(queue.getMembers().stream().map(UserId::new).toList());
  }

  /** The skills a case requires: its {@code skill:} tags, without the prefix. */
  public static Set<String> requiredSkills(CaseView aCase) {
    return aCase.tags().stream()
        .filter(t -> t.startsWith(SKILL_TAG) && t.length() > SKILL_TAG.length())
        .map(t -> t.substring(SKILL_TAG.length()).toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Optional<Long> pick(Queue queue, CaseView aCase) {
    Set<String> required = requiredSkills(aCase);
    List<Long> members = List.copyOf(new TreeSet<>(queue.getMembers()));
    if (members.isEmpty()) {
      return Optional.empty();
    }
    Map<UserId, UserSummary> people = users.findAll(members.stream().map(UserId::new).toList());
    Map<Long, Set<String>> skills =
        required.isEmpty() ? Map.of() : desks.skills(aCase.brand(), members);
    List<Long> skilled =
        members.stream()
            .filter(
                m -> Optional.ofNullable(people.get(new UserId(m))).filter(this::staff).isPresent())
            .filter(m -> skills(skills, m).containsAll(required))
            .toList();
    if (skilled.isEmpty()) {
      return Optional.empty();
    }
    Map<Long, Instant> lastAssigned = desks.lock(skilled);
    // Read after the locks: presence and load as committed by anyone who held them before.
    Map<UserId, PresenceStatus> presence = presences.of(skilled.stream().map(UserId::new).toList());
    Map<UserId, Map<String, Long>> load = workload.load(skilled.stream().map(UserId::new).toList());
    Capacities capacities = capacities(aCase.brand(), skilled);
    String type = aCase.channelType();
    List<Long> available =
        skilled.stream()
            .filter(m -> presence.get(new UserId(m)) == PresenceStatus.ONLINE)
            .filter(m -> held(load, m, type) < capacities.of(m, type))
            .toList();
    if (available.isEmpty()) {
      return Optional.empty();
    }
    Comparator<Long> idle =
        Comparator.comparing(
            (Long m) -> lastAssigned.get(m), Comparator.nullsFirst(Comparator.naturalOrder()));
    return switch (queue.getPolicy()) {
      case ROUND_ROBIN -> queue.nextAssignee(available::contains);
      case LONGEST_IDLE -> available.stream().min(idle.thenComparing(Comparator.naturalOrder()));
      case LEAST_LOADED ->
          available.stream()
              .min(
                  Comparator.comparingLong((Long m) -> total(load, m))
                      .thenComparingLong(m -> held(load, m, type))
                      .thenComparing(idle)
                      .thenComparing(Comparator.naturalOrder()));
    };
  }

  /**
   * Takes back from an agent who is offline the cases their queues say go back (not started, or
   * all), and returns them: the caller routes each again once this commits. Does nothing if the
   * agent is online or away again by the time it holds their desk.
   */
  public List<CaseId> handBack(UserId agent) {
    desks.lock(List.of(agent.value()));
    if (presences.of(agent) != PresenceStatus.OFFLINE) {
      return List.of();
    }
    List<CaseId> handedBack = new ArrayList<>();
    Map<Long, Queue> byId = new java.util.HashMap<>();
    for (CaseView aCase : workload.heldBy(agent)) {
      if (aCase.queueId() == null) {
        continue;
      }
      Queue queue = byId.computeIfAbsent(aCase.queueId(), q -> queues.findById(q).orElse(null));
      if (queue == null || !queue.isAutoAssign()) {
        continue;
      }
      boolean goesBack =
          switch (queue.getHandback()) {
            case ALL_OPEN -> true;
            case NOT_STARTED -> aCase.firstResponseAt() == null;
            case NONE -> false;
          };
      if (goesBack) {
        cases.update(aCase.id(), new CaseUpdate(null, null, null, null, true, null), null, null);
        handedBack.add(aCase.id());
      }
    }
    if (!handedBack.isEmpty()) {
      log.debug("{} case(s) of user #{} handed back to their queues", handedBack.size(), agent);
    }
    return handedBack;
  }

  /**
   * Gives a case to a chosen agent (a supervisor's decision), within that agent's capacity and only
   * if they are not offline. Returns the reason when refused.
   */
  public Optional<String> reassign(CaseId id, UserId agent, UserId actor) {
    CaseView aCase = cases.find(id).orElse(null);
    if (aCase == null || !aCase.status().isActive()) {
      return Optional.of("supervisor.reassign.notActive");
    }
    if (agent.equals(aCase.assignee())) {
      return Optional.empty();
    }
    UserSummary person = users.find(agent).filter(this::staff).orElse(null);
    if (person == null) {
      return Optional.of("supervisor.reassign.notAgent");
    }
    desks.lock(List.of(agent.value()));
    if (presences.of(agent) == PresenceStatus.OFFLINE) {
      return Optional.of("supervisor.reassign.offline");
    }
    long held = held(workload.load(List.of(agent)), agent.value(), aCase.channelType());
    if (held
        >= capacities(aCase.brand(), List.of(agent.value()))
            .of(agent.value(), aCase.channelType())) {
      return Optional.of("supervisor.reassign.full");
    }
    cases.update(id, new CaseUpdate(null, null, null, agent, false, null), null, actor);
    desks.assigned(agent.value(), Instant.now());
    return Optional.empty();
  }

  /**
   * Capacities of agents for cases of a brand: the agent's own, else the brand's, else defaults.
   */
  public Capacities capacities(BrandId brand, List<Long> agents) {
    return new Capacities(desks.agentCapacities(agents), desks.brandCapacities(brand), properties);
  }

  /** Resolves one agent's capacity for one channel type. */
  public record Capacities(
      Map<Long, Map<String, Integer>> agents,
      Map<String, Integer> brand,
      RoutingProperties defaults) {

    public int of(Long agent, String channelType) {
      Integer own = agents.getOrDefault(agent, Map.of()).get(channelType);
      if (own != null) {
        return own;
      }
      Integer brands = brand.get(channelType);
      return brands != null ? brands : defaults.capacityOf(channelType);
    }
  }

  private boolean staff(UserSummary user) {
    return user.active() && user.role().isStaff();
  }

  private static Set<String> skills(Map<Long, Set<String>> skills, Long member) {
    return skills.getOrDefault(member, Set.of());
  }

  static long held(Map<UserId, Map<String, Long>> load, Long agent, String type) {
    return load.getOrDefault(new UserId(agent), Map.of()).getOrDefault(type, 0L);
  }

  static long total(Map<UserId, Map<String, Long>> load, Long agent) {
    return load.getOrDefault(new UserId(agent), Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
