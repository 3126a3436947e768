package io.parley.entitlements.internal;

import jakarta.persistence.QueryHint;
import java.util.List;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface ContractRepository extends JpaRepository<Contract, Long> {

  List<Contract> findByCustomerIdOrderByStartsOnDesc(Long customerId);

  /**
   * These customers' contracts as committed or flushed, without flushing first: asked for the cases
   * a batch opens, where a flush would dirty-check the whole batch each time. Contracts are written
   * only by their own requests, never in an intake's transaction. An array parameter, so the query
   * has one shape for any number of customers (Hibernate translated an IN list's query anew for
   * each new length).
   */
  @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
  @Query(
      value =
          "select * from entitlements_contract where customer_id = any(:ids) order by starts_on"
              + " desc",
      nativeQuery = true)
  List<Contract> findForEntitlement(@Param("ids") Long[] customerIds);

  List<Contract> findTop200ByOrderByCreatedAtDesc();
}
