package io.parley.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

  Optional<ApiToken> findByTokenHash(String tokenHash);

  List<ApiToken> findByUserIdOrderByCreatedAtDesc(Long userId);

  /**
   * Records that a token was used, unless that was already recorded since {@code unlessSince}. A
   * bulk update: it changes nothing a cached authentication depends on, so it bypasses the entity
   * callbacks that empty the API token cache.
   */
  @Modifying
  @Transactional
  @Query(
      "update ApiToken t set t.lastUsedAt = :now where t.id = :id"
          + " and (t.lastUsedAt is null or t.lastUsedAt < :unlessSince)")
  int recordUse(Long id, Instant now, Instant unlessSince);
}
