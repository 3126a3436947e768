package io.parley.entitlements.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ServiceTierRepository extends JpaRepository<ServiceTier, Long> {

  List<ServiceTier> findAllByOrderByRankOrderAscNameAsc();

  Optional<ServiceTier> findByCode(String code);

  Optional<ServiceTier> findFirstByIsDefaultTrue();
}
