package io.parley.channels.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InboundRecordRepository extends JpaRepository<InboundRecord, Long> {

  Optional<InboundRecord> findByAccountIdAndExternalId(Long accountId, String externalId);

  long countByAccountIdAndStatus(Long accountId, String status);

  List<InboundRecord> findTop20ByAccountIdAndStatusNotOrderByReceivedAtDesc(
      Long accountId, String status);
}
