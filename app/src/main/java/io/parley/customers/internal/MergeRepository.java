package io.parley.customers.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MergeRepository extends JpaRepository<Merge, Long> {

  List<Merge> findBySourceIdOrTargetIdOrderByMergedAtDescIdDesc(Long sourceId, Long targetId);

  /** Merges into {@code target} still in force, newest first: they must be undone first. */
  List<Merge> findByTargetIdAndUnmergedAtIsNullOrderByIdDesc(Long target);
}
