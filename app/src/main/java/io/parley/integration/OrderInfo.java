package io.parley.integration;

import java.util.List;

/**
 * An order as the back-office system describes it, through the admin's mapping. {@code placedAt} is
 * as the system wrote it; {@code email} and {@code phone} (of the buyer) are only used to check who
 * may see the order, never shown to customers.
 */
public record OrderInfo(
    String number,
    String status,
    String placedAt,
    List<String> items,
    String email,
    String phone) {}
