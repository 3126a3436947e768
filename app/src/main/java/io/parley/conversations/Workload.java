package io.parley.conversations;

import io.parley.conversations.internal.SupportCase;
import io.parley.identity.UserId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases waiting in queues and the cases on each agent's desk, as routing needs them to decide
 * who takes what. Read in the caller's transaction, so a caller holding a lock sees what was
 * committed before it got the lock.
 */
@Service
public class Workload {

  /**
   * The active statuses written into each query, not bound: PostgreSQL's partial indexes of active
   * cases are then usable by any plan, also by a generic plan, which it may settle on for a
   * statement run often and which cannot prove a partial index's predicate from bound values.
   */
  private static final String ACTIVE =
      Cases.ACTIVE.stream()
          .map(s -> CaseStatus.class.getName() + "." + s.name())
          .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

  private static final String WAITING =
      "select c from SupportCase c where c.queueId = :queue and c.assigneeId is null"
          + " and c.status in "
          + ACTIVE
          + " and c.captured = false";

  /** The longest waiting first: since it entered the queue (or opened, if it never left it). */
  private static final String LONGEST_WAITING = " order by coalesce(c.queuedAt, c.createdAt), c.id";

  /** Most urgent first. */
  private static final List<Priority> URGENCY =
      List.of(Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW);

  @PersistenceContext private EntityManager entityManager;

  /**
   * Cases waiting unassigned in the queue, most urgent and then longest waiting first. One query
   * per priority, so that each reads only the cases it returns from an index in that order (on
   * PostgreSQL, {@code conversations_case_waiting}) instead of sorting the queue's whole backlog:
   * after a burst of listened posts that backlog holds hundreds of thousands of cases, and routing
   * and the supervisors' board ask for its head every few seconds.
   */
  @Transactional(readOnly = true)
  public List<WaitingCase> waiting(long queueId, int limit) {
    List<WaitingCase> result = new ArrayList<>(Math.min(limit, 100));
    for (Priority priority : URGENCY) {
      if (result.size() >= limit) {
        break;
      }
      entityManager
          .createQuery(WAITING + " and c.priority = :priority" + LONGEST_WAITING, SupportCase.class)
          .setParameter("queue", queueId)
          .setParameter("priority", priority)
          .setMaxResults(limit - result.size())
          .getResultList()
          .stream()
          // A case whose priority changed between two of these queries comes once.
          .filter(c -> result.stream().noneMatch(w -> w.aCase().id().value() == c.getId()))
          .forEach(c -> result.add(waitingCase(c)));
    }
    return result;
  }

  /**
   * Active, unassigned cases of these brands in no queue that were opened before {@code before},
   * oldest first: cases routing has not reached yet (for instance when a node stopped between a
   * case's commit and its routing).
   */
  @Transactional(readOnly = true)
  public List<CaseId> unqueued(Collection<Long> brandIds, Instant before, int limit) {
    if (brandIds.isEmpty()) {
      return List.of();
    }
    return entityManager
        .createQuery(
            "select c.id from SupportCase c where c.queueId is null and c.assigneeId is null"
                + " and c.captured = false and c.status in "
                + ACTIVE
                + " and c.mergedIntoId is null and c.createdAt < :before"
                // Not "order by c.id": PostgreSQL then walked the primary key expecting to meet
                // such a case soon and, when none qualified, read the whole table (392 ms at
                // 370,000 cases in the benchmark; 388 ms on 1.2 M cases of which 200,000 of
                // another brand were in no queue, 1 ms ordered by age).
                + " and c.brandId in :brands order by c.createdAt, c.id",
            Long.class)
        .setParameter("brands", brandIds)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(CaseId::new)
        .toList();
  }

  /** Cases that have waited unassigned in the queue since before {@code before}, oldest first. */
  @Transactional(readOnly = true)
  public List<WaitingCase> waitingSince(long queueId, Instant before, int limit) {
    return entityManager
        .createQuery(
            WAITING + " and coalesce(c.queuedAt, c.createdAt) < :before" + LONGEST_WAITING,
            SupportCase.class)
        .setParameter("queue", queueId)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(Workload::waitingCase)
        .toList();
  }

  /** Per queue, how many cases wait and since when the longest-waiting one waits. */
  @Transactional(readOnly = true)
  public Map<Long, Backlog> backlog(Collection<Long> queueIds) {
    Map<Long, Backlog> result = new HashMap<>();
    if (queueIds.isEmpty()) {
      return result;
    }
    entityManager
        .createQuery(
            "select c.queueId, count(c), min(coalesce(c.queuedAt, c.createdAt))"
                + " from SupportCase c where c.queueId in :queues and c.assigneeId is null"
                + " and c.status in "
                + ACTIVE
                + " and c.captured = false group by c.queueId",
            Object[].class)
        .setParameter("queues", queueIds)
        .getResultList()
        .forEach(row -> result.put((Long) row[0], new Backlog((Long) row[1], toInstant(row[2]))));
    return result;
  }

  /**
   * Per agent, how many active (not solved or closed) cases they hold of each channel type. Agents
   * holding none are missing from the map.
   */
  @Transactional(readOnly = true)
  public Map<UserId, Map<String, Long>> load(Collection<UserId> agents) {
    Map<UserId, Map<String, Long>> result = new HashMap<>();
    if (agents.isEmpty()) {
      return result;
    }
    entityManager
        .createQuery(
            "select c.assigneeId, c.channelType, count(c) from SupportCase c"
                + " where c.assigneeId in :agents and c.status in "
                + ACTIVE
                + " group by c.assigneeId, c.channelType",
            Object[].class)
        .setParameter("agents", agents.stream().map(UserId::value).distinct().toList())
        .getResultList()
        .forEach(
            row ->
                result
                    .computeIfAbsent(new UserId((Long) row[0]), k -> new HashMap<>())
                    .put((String) row[1], (Long) row[2]));
    return result;
  }

  /** The active cases an agent holds, oldest first. */
  @Transactional(readOnly = true)
  public List<CaseView> heldBy(UserId agent) {
    return entityManager
        .createQuery(
            "select c from SupportCase c where c.assigneeId = :agent and c.status in "
                + ACTIVE
                + " order by c.createdAt, c.id",
            SupportCase.class)
        .setParameter("agent", agent.value())
        .getResultList()
        .stream()
        .map(SupportCase::view)
        .toList();
  }

  private static WaitingCase waitingCase(SupportCase c) {
    return new WaitingCase(c.view(), c.getQueuedAt() == null ? c.getCreatedAt() : c.getQueuedAt());
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return null;
  }
}
