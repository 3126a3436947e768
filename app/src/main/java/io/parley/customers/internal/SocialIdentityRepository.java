package io.parley.customers.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SocialIdentityRepository extends JpaRepository<SocialIdentity, Long> {

  Optional<SocialIdentity> findByNetworkAndExternalId(String network, String externalId);

  boolean existsByNetworkAndExternalId(String network, String externalId);
}
