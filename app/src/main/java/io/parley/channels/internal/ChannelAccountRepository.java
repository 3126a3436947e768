package io.parley.channels.internal;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ChannelAccountRepository extends JpaRepository<ChannelAccount, Long> {

  List<ChannelAccount> findAllByOrderByBrandIdAscTypeAscNameAsc();

  List<ChannelAccount> findByBrandIdOrderByTypeAscNameAsc(Long brandId);

  List<ChannelAccount> findByTypeAndActiveTrue(String type);

  /**
   * The account, locked until the transaction ends: whoever changes its settings or secrets reads
   * them this way, so an admin saving the form and a connector renewing its token never undo each
   * other.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select a from ChannelAccount a where a.id = :id")
  Optional<ChannelAccount> lock(Long id);

  boolean existsByTypeAndAddress(String type, String address);

  /** Accounts of the given types that are due for a poll and not leased by another poller. */
  @Query(
      """
      select a.id from ChannelAccount a
      where a.active = true and a.settings is not null and a.type in :types
        and (a.nextPollAt is null or a.nextPollAt <= :now)
        and (a.pollLeaseUntil is null or a.pollLeaseUntil < :now)
      order by a.nextPollAt nulls first
      """)
  List<Long> findDueForPoll(List<String> types, Instant now);

  /** Takes the poll lease; 1 when this node got it. Across nodes only one poller holds it. */
  @Modifying
  @Transactional
  @Query(
      """
      update ChannelAccount a set a.pollLeaseUntil = :until, a.lastPollAt = :now
      where a.id = :id and (a.pollLeaseUntil is null or a.pollLeaseUntil < :now)
      """)
  int lease(Long id, Instant now, Instant until);

  @Modifying
  @Transactional
  @Query("update ChannelAccount a set a.pollLeaseUntil = :until where a.id = :id")
  int renewLease(Long id, Instant until);

  @Modifying
  @Transactional
  @Query("update ChannelAccount a set a.pollCursor = :cursor where a.id = :id")
  int saveCursor(Long id, String cursor);

  @Modifying
  @Transactional
  @Query(
      """
      update ChannelAccount a set a.pollLeaseUntil = null, a.nextPollAt = :next
      where a.id = :id
      """)
  int release(Long id, Instant next);

  @Modifying
  @Transactional
  @Query(
      """
      update ChannelAccount a set a.lastSuccessAt = :at, a.rateLimitedUntil = null
      where a.id = :id
      """)
  int recordSuccess(Long id, Instant at);

  @Modifying
  @Transactional
  @Query(
      """
      update ChannelAccount a
      set a.lastErrorAt = :at, a.lastError = :error, a.rateLimitedUntil = :rateLimitedUntil
      where a.id = :id
      """)
  int recordError(Long id, Instant at, String error, Instant rateLimitedUntil);

  @Query(
      value = "select user_id from channels_account_agent where account_id = :id",
      nativeQuery = true)
  List<Long> grantedAgents(Long id);

  @Modifying
  @Transactional
  @Query(value = "delete from channels_account_agent where account_id = :id", nativeQuery = true)
  int revokeAll(Long id);

  @Modifying
  @Transactional
  @Query(
      value = "insert into channels_account_agent (account_id, user_id) values (:id, :userId)",
      nativeQuery = true)
  int grantTo(Long id, Long userId);

  /** Polls the account at the next tick (the network said something new arrived). */
  @Modifying
  @Transactional
  @Query("update ChannelAccount a set a.nextPollAt = :now where a.id = :id")
  int pollSoon(Long id, Instant now);

  @Query(
      """
      select a from ChannelAccount a
      where a.active = true and a.settings is not null and a.type in :types
      """)
  List<ChannelAccount> findWatchable(List<String> types);
}
