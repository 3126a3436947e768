package io.parley.customers;

import java.time.LocalDate;

/** A product to record for a customer; the serial number identifies it (again: it is updated). */
public record NewAsset(
    String product,
    String serialNumber,
    String orderNumber,
    LocalDate purchaseDate,
    String channel,
    LocalDate warrantyEnd) {}
