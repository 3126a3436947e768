package io.parley.entitlements.internal;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HolidayRepository extends JpaRepository<Holiday, Long> {

  List<Holiday> findByBrandIdOrderByDay(Long brandId);

  boolean existsByBrandIdAndDay(Long brandId, LocalDate day);
}
