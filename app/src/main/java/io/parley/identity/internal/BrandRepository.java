package io.parley.identity.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BrandRepository extends JpaRepository<Brand, Long> {

  List<Brand> findAllByOrderByName();

  Optional<Brand> findByCode(String code);
}
