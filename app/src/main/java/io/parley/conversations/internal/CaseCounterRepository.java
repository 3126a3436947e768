package io.parley.conversations.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CaseCounterRepository extends JpaRepository<CaseCounter, Long> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from CaseCounter c where c.brandId = :brandId")
  Optional<CaseCounter> lockForBrand(@Param("brandId") Long brandId);
}
