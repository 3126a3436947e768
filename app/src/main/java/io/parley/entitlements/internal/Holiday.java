package io.parley.entitlements.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A day a brand does not work (e.g. National Day): no business time counts on it. */
@Entity
@Table(name = "entitlements_holiday")
public class Holiday {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entitlements_holiday_seq")
  @SequenceGenerator(name = "entitlements_holiday_seq", allocationSize = 50)
  private Long id;

  private Long brandId;

  // "day" is a keyword in H2.
  @jakarta.persistence.Column(name = "holiday_date")
  private LocalDate day;

  private String name;

  protected Holiday() {}

  public Holiday(Long brandId, LocalDate day, String name) {
    this.brandId = brandId;
    this.day = day;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public Long getBrandId() {
    return brandId;
  }

  public LocalDate getDay() {
    return day;
  }

  public String getName() {
    return name;
  }
}
