package io.parley.identity.internal;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface AgentPresenceRepository extends JpaRepository<AgentPresence, Long> {

  /** How many of these users have this status; a count, so no presence joins the session. */
  long countByUserIdInAndStatus(
      java.util.Collection<Long> userIds, io.parley.identity.PresenceStatus status);

  /** A new row starts offline; concurrent creators of the same row do not fail. */
  @Modifying
  @Query(
      value =
          "insert into identity_presence (user_id, status, changed_at, last_seen_at)"
              + " values (:user, 'OFFLINE', :now, :now) on conflict do nothing",
      nativeQuery = true)
  void createIfMissing(@Param("user") Long userId, @Param("now") Instant now);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from AgentPresence p where p.userId = :user")
  Optional<AgentPresence> lock(@Param("user") Long userId);

  @Modifying
  @Query("update AgentPresence p set p.lastSeenAt = :now where p.userId = :user")
  void seen(@Param("user") Long userId, @Param("now") Instant now);

  // Skip rows locked by another node's sweep or by a user changing their presence right now.
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
  @Query(
      "select p from AgentPresence p where p.status <> io.parley.identity.PresenceStatus.OFFLINE"
          + " and p.lastSeenAt < :cutoff")
  List<AgentPresence> lockSilentSince(@Param("cutoff") Instant cutoff);

  /**
   * How many active agents and supervisors of {@code brand} are online and were seen since {@code
   * since} (admins, who merely see every brand, do not count).
   */
  @Query(
      "select count(p) from AgentPresence p, User u join u.brandIds b"
          + " where u.id = p.userId and b = :brand and u.active = true"
          + " and u.role in (io.parley.identity.Role.AGENT, io.parley.identity.Role.SUPERVISOR)"
          + " and p.status = io.parley.identity.PresenceStatus.ONLINE and p.lastSeenAt >= :since")
  long countServing(@Param("brand") Long brand, @Param("since") Instant since);
}
