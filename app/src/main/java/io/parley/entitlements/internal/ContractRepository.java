package io.parley.entitlements.internal;

import jakarta.persistence.QueryHint;
import java.util.List;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface ContractRepository extends JpaRepository<Contract, Long> {

  List<Contract> findByCustomerIdOrderByStartsOnDesc(Long customerId);

  /**
   * These customers' contracts as committed or flushed, without flushing first: asked for the cases
   * a batch opens, where a flush would dirty-check the whole batch each time. Contracts are written
   * only by their own requests, never in an intake's transaction.
   */
  @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
  @Query("select c from Contract c where c.customerId in ?1 order by c.startsOn desc")
  List<Contract> findForEntitlement(java.util.Collection<Long> customerIds);

  List<Contract> findTop200ByOrderByCreatedAtDesc();
}
