package io.parley.channels.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InboundRecordRepository extends JpaRepository<InboundRecord, Long> {

  Optional<InboundRecord> findByAccountIdAndExternalId(Long accountId, String externalId);

  /** The ones of these external ids already stored for the account. */
  List<InboundRecord> findByAccountIdAndExternalIdIn(
      Long accountId, java.util.Collection<String> externalIds);

  long countByAccountIdAndStatus(Long accountId, String status);

  List<InboundRecord> findTop20ByAccountIdAndStatusNotOrderByReceivedAtDesc(
      Long accountId, String status);
}
