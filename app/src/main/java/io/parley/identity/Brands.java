package io.parley.identity;

import io.parley.identity.internal.Brand;
import io.parley.identity.internal.BrandRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The company's brands. */
@Service
public class Brands {

  private final BrandRepository brands;

  Brands(BrandRepository brands) {
    this.brands = brands;
  }

  @Transactional(readOnly = true)
  public List<BrandSummary> all() {
    return brands.findAllByOrderByName().stream().map(Brand::summary).toList();
  }

  @Transactional(readOnly = true)
  public Optional<BrandSummary> find(BrandId id) {
    return brands.findById(id.value()).map(Brand::summary);
  }

  @Transactional(readOnly = true)
  public Optional<BrandSummary> findByCode(String code) {
    return brands.findByCode(code).map(Brand::summary);
  }

  /** Registers a brand; its case prefix (e.g. ACME) starts every case number of the brand. */
  @Transactional
  public BrandSummary register(String code, String name, String casePrefix) {
    if (brands.findByCode(code).isPresent()) {
      throw new Rejected("brand.code.taken");
    }
    return brands.save(new Brand(code, name, casePrefix)).summary();
  }

  @Transactional(readOnly = true)
  public boolean any() {
    return brands.count() > 0;
  }
}
