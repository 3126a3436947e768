package io.parley.channels.internal;

import io.parley.channels.DeliveryState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface OutboxRepository extends JpaRepository<OutboxItem, Long> {

  @Query(
      """
      select o.id from OutboxItem o
      where o.status in :states and o.nextAttemptAt <= :now
      order by o.id
      """)
  List<Long> findDue(Collection<DeliveryState> states, Instant now, Limit limit);

  /** Claims an entry for one attempt; 1 when this sender got it. */
  @Modifying
  @Transactional
  @Query(
      """
      update OutboxItem o
      set o.status = io.parley.channels.DeliveryState.SENDING, o.leaseUntil = :until,
          o.attempts = o.attempts + 1
      where o.id = :id and o.status in :states and o.nextAttemptAt <= :now
      """)
  int claim(Long id, Collection<DeliveryState> states, Instant now, Instant until);

  /**
   * Entries whose sender vanished mid-attempt (a crash): tried again. The network may have taken
   * the message already; the idempotency key lets it recognise the repeat.
   */
  @Modifying
  @Transactional
  @Query(
      """
      update OutboxItem o set o.status = io.parley.channels.DeliveryState.RETRYING,
          o.nextAttemptAt = :now, o.lastError = 'interrupted while sending'
      where o.status = io.parley.channels.DeliveryState.SENDING and o.leaseUntil < :now
      """)
  int reclaimAbandoned(Instant now);

  /** An account is rate limited until {@code until}: its waiting entries wait as long. */
  @Modifying
  @Transactional
  @Query(
      """
      update OutboxItem o set o.nextAttemptAt = :until
      where o.accountId = :account and o.status in :states and o.nextAttemptAt < :until
      """)
  int postpone(Long account, Collection<DeliveryState> states, Instant until);

  Optional<OutboxItem> findByExternalId(String externalId);

  long countByAccountIdAndStatusIn(Long accountId, Collection<DeliveryState> states);
}
