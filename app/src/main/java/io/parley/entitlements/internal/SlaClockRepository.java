package io.parley.entitlements.internal;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface SlaClockRepository extends JpaRepository<SlaClock, Long> {

  List<SlaClock> findByCaseIdOrderByMetric(Long caseId);

  /** Clocks that must warn or breach by {@code now}, soonest first. */
  @Query(
      """
      select c.id from SlaClock c
      where c.state = io.parley.entitlements.internal.SlaClock.State.RUNNING
        and ((c.breachedAt is null and c.dueAt <= :now)
          or (c.warnedAt is null and c.warnAt <= :now))
      order by c.dueAt
      """)
  List<Long> findDue(Instant now, Limit limit);

  /**
   * Locks one clock for the sweep, skipping it when another node holds it ({@code SKIP LOCKED},
   * lock timeout -2 in Hibernate's terms): that node is escalating it right now.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
  @Query("select c from SlaClock c where c.id = :id")
  Optional<SlaClock> lockUnlessTaken(Long id);

  /** Running and paused clocks of visible brands, the soonest due first (paused ones last). */
  @Query(
      """
      select c from SlaClock c
      where c.state in :states and c.brandId in :brands
      order by case when c.dueAt is null then 1 else 0 end, c.dueAt, c.id
      """)
  List<SlaClock> findActive(
      Collection<SlaClock.State> states, Collection<Long> brands, Limit limit);

  @Query(
      """
      select c from SlaClock c
      where c.state in :states
      order by case when c.dueAt is null then 1 else 0 end, c.dueAt, c.id
      """)
  List<SlaClock> findActive(Collection<SlaClock.State> states, Limit limit);
}
