package io.parley.routing.internal;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface QueueRepository extends JpaRepository<Queue, Long> {

  List<Queue> findAllByOrderByBrandIdAscNameAsc();

  List<Queue> findByBrandId(Long brandId);

  /**
   * A brand's queues, locked until the transaction ends: two admins moving the brand's default flag
   * at once take turns, so the brand never ends with two defaults or none.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select q from Queue q where q.brandId = :brandId order by q.id")
  List<Queue> lockByBrandId(@Param("brandId") Long brandId);

  /** A queue's brand, read without loading the queue (so that a lock taken next reads it fresh). */
  @Query("select q.brandId from Queue q where q.id = :id")
  Optional<Long> brandIdOf(@Param("id") Long id);

  @Query("select distinct q.brandId from Queue q where q.isDefault = true")
  List<Long> brandsWithDefault();

  @Query("select q from Queue q where q.brandId = :brandId and q.isDefault = true")
  Optional<Queue> findDefaultOf(@Param("brandId") Long brandId);

  /**
   * The id of the brand's default queue: one light query, no queue and members loaded, and no flush
   * first (asked for every case a batch opens; queues change only by their own requests).
   */
  @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
  @Query("select q.id from Queue q where q.brandId = :brandId and q.isDefault = true")
  Optional<Long> findDefaultIdOf(@Param("brandId") Long brandId);

  /** The queue unless another node or thread holds it (then empty: it is being handled). */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @org.springframework.data.jpa.repository.QueryHints(
      @jakarta.persistence.QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
  @Query("select q from Queue q where q.id = :id")
  List<Queue> tryLock(@Param("id") Long id);

  List<Queue> findByAutoAssignTrue();

  List<Queue> findByOverflowQueueIdNotNull();

  @Query("select q from Queue q join q.members m where m = :userId")
  List<Queue> withMember(@Param("userId") Long userId);

  @Query("select q.id from Queue q join q.members m where m = :userId")
  List<Long> idsWithMember(@Param("userId") Long userId);
}
