package io.parley.entitlements.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContractRepository extends JpaRepository<Contract, Long> {

  List<Contract> findByCustomerIdOrderByStartsOnDesc(Long customerId);

  List<Contract> findTop200ByOrderByCreatedAtDesc();
}
