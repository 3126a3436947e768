package io.parley.customers.internal;

import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface SocialIdentityRepository extends JpaRepository<SocialIdentity, Long> {

  Optional<SocialIdentity> findByNetworkAndExternalId(String network, String externalId);

  /**
   * The identities of a page's senders on one network. An array parameter ({@code = any(?)}) rather
   * than an IN list: the query then has one shape whatever the page's size, where Hibernate
   * translated the IN list's query anew for each new length (half the time of the call). Flushes
   * first only when this session has unwritten identities.
   */
  @Query(
      value =
          "select * from customers_social_identity where network = :network"
              + " and external_id = any(:ids)",
      nativeQuery = true)
  @QueryHints(
      @QueryHint(name = HibernateHints.HINT_NATIVE_SPACES, value = "customers_social_identity"))
  List<SocialIdentity> findOnNetwork(
      @Param("network") String network, @Param("ids") String[] externalIds);

  boolean existsByNetworkAndExternalId(String network, String externalId);
}
