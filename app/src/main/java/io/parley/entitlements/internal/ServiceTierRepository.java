package io.parley.entitlements.internal;

import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.QueryHints;

public interface ServiceTierRepository extends JpaRepository<ServiceTier, Long> {

  List<ServiceTier> findAllByOrderByRankOrderAscNameAsc();

  /** Without flushing first (tiers are written only by their own admin requests). */
  @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
  Optional<ServiceTier> findByCode(String code);

  /** Without flushing first (tiers are written only by their own admin requests). */
  @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
  Optional<ServiceTier> findFirstByIsDefaultTrue();
}
