package io.parley.conversations.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageRepository extends JpaRepository<Message, Long> {

  List<Message> findByCaseIdOrderByCreatedAtAscIdAsc(Long caseId);

  List<Message> findByExternalIdIn(java.util.Collection<String> externalIds);

  List<Message> findTop5ByThreadIdOrderByIdDesc(String threadId);

  List<Message> findTop5ByCaseIdAndExternalIdNotNullOrderByIdDesc(Long caseId);
}
