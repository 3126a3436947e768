package io.parley.conversations.internal;

import io.parley.conversations.CaseStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface CaseRepository
    extends JpaRepository<SupportCase, Long>, JpaSpecificationExecutor<SupportCase> {

  Optional<SupportCase> findByReference(String reference);

  List<SupportCase> findTop20ByCustomerIdOrderByCreatedAtDesc(Long customerId);

  long countByStatusIn(Collection<CaseStatus> statuses);
}
