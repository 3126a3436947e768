package io.parley.conversations.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageRepository extends JpaRepository<Message, Long> {

  List<Message> findByCaseIdOrderByCreatedAtAscIdAsc(Long caseId);

  List<Message> findByInboundIdIn(java.util.Collection<Long> inboundIds);

  List<Message> findByExternalIdIn(java.util.Collection<String> externalIds);

  List<Message> findTop5ByThreadIdOrderByIdDesc(String threadId);

  java.util.Optional<Message> findFirstByCaseIdAndKindOrderByCreatedAtDesc(
      Long caseId, io.parley.conversations.MessageKind kind);

  List<Message> findTop5ByCaseIdAndExternalIdNotNullOrderByIdDesc(Long caseId);

  List<Message> findByAuthorCustomerId(Long customerId);
}
