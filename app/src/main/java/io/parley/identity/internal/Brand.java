package io.parley.identity.internal;

import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A brand of the company; customers write to a brand, and cases are numbered per brand. */
@Entity
@Table(name = "identity_brand")
public class Brand {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identity_brand_seq")
  @SequenceGenerator(name = "identity_brand_seq", allocationSize = 50)
  private Long id;

  private String code;
  private String name;
  private String casePrefix;
  private Instant createdAt;

  protected Brand() {}

  public Brand(String code, String name, String casePrefix) {
    this.code = code;
    this.name = name;
    this.casePrefix = casePrefix;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public BrandSummary summary() {
    return new BrandSummary(new BrandId(id), code, name, casePrefix);
  }
}
