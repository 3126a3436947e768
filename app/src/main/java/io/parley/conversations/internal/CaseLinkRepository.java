package io.parley.conversations.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CaseLinkRepository extends JpaRepository<CaseLink, CaseLink.Key> {

  List<CaseLink> findByKeyCaseId(Long caseId);
}
