package io.parley.routing.internal;

import io.parley.channels.PostsBeingOpened;
import io.parley.conversations.Backlog;
import io.parley.conversations.CaseView;
import io.parley.conversations.WaitingCase;
import io.parley.conversations.Workload;
import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.PresenceStatus;
import io.parley.identity.Presences;
import io.parley.identity.UserId;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What a supervisor sees at a glance: queues with their backlog, agents with presence and load. */
@Component
class SupervisorBoard {

  record QueueRow(
      long id,
      String name,
      String brand,
      String policy,
      boolean autoAssign,
      long waiting,
      Duration longestWait,
      long membersOnline,
      int members,
      List<CaseView> next) {

    /** The longest wait as "42s", "3m 5s", "2h 10m" or "28d 9h". */
    public String waited() {
      return SupervisorBoard.waited(longestWait);
    }
  }

  /** A wait as "42s", "3m 5s", "2h 10m" or, from a day on, "28d 9h"; "–" for none. */
  static String waited(Duration wait) {
    if (wait == null) {
      return "–";
    }
    long s = Math.max(0, wait.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    if (s < 86_400) {
      return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
    return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
  }

  /**
   * Listened posts whose cases are being opened (captured, not yet in any queue): {@code count}
   * ("more than" it when {@code more}), the first in line waiting for {@code longestWait}.
   */
  record Opening(long count, boolean more, Duration longestWait) {

    public String waited() {
      return SupervisorBoard.waited(longestWait);
    }
  }

  /** One channel type on an agent's desk: cases held against their capacity. */
  record Slot(String channelType, long held, int capacity) {
    public boolean full() {
      return held >= capacity;
    }
  }

  /** An agent's first cases, oldest first, and how many more they hold besides. */
  record AgentRow(
      UserId id,
      String name,
      PresenceStatus presence,
      List<Slot> slots,
      List<CaseView> cases,
      int moreCases) {}

  /** How many of an agent's cases the board names; the rest are counted. */
  static final int CASES_SHOWN = 10;

  /** {@code opening}: null when no post is being opened. */
  record Board(
      List<QueueRow> queues, List<AgentRow> agents, List<String> channelTypes, Opening opening) {}

  private final QueueRepository queues;
  private final Workload workload;
  private final Users users;
  private final Brands brands;
  private final Presences presences;
  private final Dispatcher dispatcher;
  private final RoutingProperties properties;
  private final PostsBeingOpened beingOpened;

  SupervisorBoard(
      QueueRepository queues,
      Workload workload,
      Users users,
      Brands brands,
      Presences presences,
      Dispatcher dispatcher,
      RoutingProperties properties,
      PostsBeingOpened beingOpened) {
    this.queues = queues;
    this.beingOpened = beingOpened;
    this.workload = workload;
    this.users = users;
    this.brands = brands;
    this.presences = presences;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @Transactional(readOnly = true)
  Board board() {
    Instant now = Instant.now();
    List<Queue> all = queues.findAllByOrderByBrandIdAscNameAsc();
    Map<BrandId, String> brandNames =
        brands.all().stream().collect(Collectors.toMap(BrandSummary::id, BrandSummary::name));
    Map<Long, Backlog> backlog = workload.backlog(all.stream().map(Queue::getId).toList());
    List<UserId> staff =
        all.stream()
            .flatMap(q -> q.getMembers().stream())
            .distinct()
            .sorted()
            .map(UserId::new)
            .toList();
    Map<UserId, UserSummary> people = users.findAll(staff);
    Map<UserId, PresenceStatus> presence = presences.of(staff);
    Map<UserId, Map<String, Long>> load = workload.load(staff);

    List<QueueRow> queueRows = new ArrayList<>();
    for (Queue q : all) {
      Backlog b = backlog.getOrDefault(q.getId(), Backlog.EMPTY);
      queueRows.add(
          new QueueRow(
              q.getId(),
              q.getName(),
              brandNames.getOrDefault(new BrandId(q.getBrandId()), "?"),
              q.getPolicy().name(),
              q.isAutoAssign(),
              b.waiting(),
              b.oldestSince() == null ? null : Duration.between(b.oldestSince(), now),
              q.getMembers().stream()
                  .filter(m -> presence.get(new UserId(m)) == PresenceStatus.ONLINE)
                  .count(),
              q.getMembers().size(),
              b.waiting() == 0
                  ? List.of()
                  : workload.waiting(q.getId(), 5).stream().map(WaitingCase::aCase).toList()));
    }

    TreeSet<String> types = new TreeSet<>(properties.capacity().keySet());
    types.add("email");
    load.values().forEach(m -> types.addAll(m.keySet()));
    List<AgentRow> agentRows = new ArrayList<>();
    for (UserId id : staff) {
      UserSummary person = people.get(id);
      if (person == null || !person.active()) {
        continue;
      }
      // Capacities follow the brand of the agent's first queue (an agent's own override wins).
      BrandId brand =
          all.stream()
              .filter(q -> q.getMembers().contains(id.value()))
              .map(q -> new BrandId(q.getBrandId()))
              .findFirst()
              .orElseThrow();
      var capacities = dispatcher.capacities(brand, List.of(id.value()));
      List<Slot> slots =
          types.stream()
              .map(
                  t ->
                      new Slot(
                          t,
                          load.getOrDefault(id, Map.of()).getOrDefault(t, 0L),
                          capacities.of(id.value(), t)))
              .toList();
      List<CaseView> held = workload.heldBy(id);
      List<CaseView> shown = held.stream().limit(CASES_SHOWN).toList();
      agentRows.add(
          new AgentRow(
              id,
              person.displayName(),
              presence.get(id),
              slots,
              shown,
              held.size() - shown.size()));
    }
    agentRows.sort(
        Comparator.comparing(AgentRow::presence).thenComparing(AgentRow::name, String::compareTo));
    PostsBeingOpened.Snapshot opening = beingOpened.now();
    return new Board(
        queueRows,
        agentRows,
        List.copyOf(types),
        opening.any()
            ? new Opening(
                opening.count(),
                opening.more(),
                opening.oldestSince() == null ? null : Duration.between(opening.oldestSince(), now))
            : null);
  }
}
