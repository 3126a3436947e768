package io.parley.listening.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ListeningRuleRepository extends JpaRepository<ListeningRule, Long> {

  List<ListeningRule> findAllByOrderByBrandIdAscNameAsc();

  List<ListeningRule> findByActiveTrueOrderById();

  /** The latest change to any rule: with the count, tells a node another one changed the rules. */
  @Query("select max(r.updatedAt) from ListeningRule r")
  Instant lastChange();
}
