package io.parley.customers.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SocialIdentityRepository extends JpaRepository<SocialIdentity, Long> {

  Optional<SocialIdentity> findByNetworkAndExternalId(String network, String externalId);

  List<SocialIdentity> findByNetworkAndExternalIdIn(
      String network, java.util.Collection<String> externalIds);

  boolean existsByNetworkAndExternalId(String network, String externalId);
}
