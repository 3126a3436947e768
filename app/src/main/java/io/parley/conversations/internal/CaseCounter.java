package io.parley.conversations.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The next case number of a brand; rows are locked while a number is taken. */
@Entity
@Table(name = "conversations_case_counter")
public class CaseCounter {

  static final long FIRST_NUMBER = 1001;

  @Id private Long brandId;
  private long nextNumber;

  protected CaseCounter() {}

  CaseCounter(Long brandId) {
    this.brandId = brandId;
    this.nextNumber = FIRST_NUMBER;
  }

  long take() {
    return nextNumber++;
  }
}
