package io.parley.customers;

import java.time.LocalDate;

/** A product a customer owns: bought when, where, and covered until when. */
public record AssetView(
    long id,
    CustomerId customer,
    String product,
    String serialNumber,
    String orderNumber,
    LocalDate purchaseDate,
    String channel,
    LocalDate warrantyEnd) {

  /** Covered on {@code day}: a warranty end on or after it. No end date means not covered. */
  public boolean inWarranty(LocalDate day) {
    return warrantyEnd != null && !warrantyEnd.isBefore(day);
  }

  public boolean inWarranty() {
    return inWarranty(LocalDate.now());
  }
}
