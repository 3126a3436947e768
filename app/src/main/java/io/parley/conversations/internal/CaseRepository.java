package io.parley.conversations.internal;

import io.parley.conversations.CaseStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface CaseRepository
    extends JpaRepository<SupportCase, Long>, JpaSpecificationExecutor<SupportCase> {

  Optional<SupportCase> findByReference(String reference);

  /** A case's id and brand, without loading the case. */
  record Key(Long id, Long brandId) {}

  @Query(
      "select new io.parley.conversations.internal.CaseRepository$Key(c.id, c.brandId)"
          + " from SupportCase c where c.reference = :reference")
  Optional<Key> findKeyByReference(String reference);

  List<SupportCase> findTop20ByCustomerIdOrderByCreatedAtDesc(Long customerId);

  List<SupportCase> findByCustomerId(Long customerId);

  /** Done cases of a brand untouched since {@code before} whose texts are not yet overwritten. */
  @Query(
      """
      select c.id from SupportCase c
      where c.brandId = :brand and c.status in :done and c.updatedAt < :before
        and exists (select m.id from Message m where m.caseId = c.id
                    and m.body <> '[expired]' and m.body <> '[erased]')
      order by c.id
      """)
  List<Long> findExpired(
      Long brand,
      Collection<CaseStatus> done,
      java.time.Instant before,
      org.springframework.data.domain.Limit limit);

  long countByStatusIn(Collection<CaseStatus> statuses);

  @Query("select c.id from SupportCase c where c.customerId = :customer order by c.id")
  List<Long> idsOfCustomer(Long customer);

  /** Gives cases to another customer (a customer merge or its undoing); bumps their version. */
  @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
  @Query(
      "update SupportCase c set c.customerId = :customer, c.version = c.version + 1"
          + " where c.id in :ids")
  int relink(Collection<Long> ids, Long customer);
}
