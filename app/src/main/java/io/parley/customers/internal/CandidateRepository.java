package io.parley.customers.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CandidateRepository extends JpaRepository<Candidate, Long> {

  Optional<Candidate> findByCustomerIdAndCandidateId(Long customerId, Long candidateId);

  /** Open candidates involving the customer on either side, best first. */
  @Query(
      """
      select c from Candidate c
      where (c.customerId = :customer or c.candidateId = :customer)
        and c.status = io.parley.customers.internal.Candidate.Status.OPEN
      order by c.score desc, c.id
      """)
  List<Candidate> openFor(@Param("customer") Long customer);
}
