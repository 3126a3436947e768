package io.parley.entitlements.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SlaAlertRepository extends JpaRepository<SlaAlert, Long> {

  List<SlaAlert> findTop50ByOrderByAtDescIdDesc();

  List<SlaAlert> findByCaseIdOrderByAtAscIdAsc(Long caseId);
}
