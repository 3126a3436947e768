package io.parley.customers;

import java.util.List;

/** What other modules may know about a customer. */
public record CustomerSummary(
    CustomerId id,
    String displayName,
    String language,
    Tier tier,
    List<String> emails,
    List<String> phones,
    String city) {

  /** A short hint that tells apart customers who share a name (e.g. several 王军). */
  public String distinguishingHint() {
    var parts = new java.util.ArrayList<String>();
    if (city != null) {
      parts.add(city);
    }
    if (!phones.isEmpty()) {
      String phone = phones.get(0);
      parts.add("…" + phone.substring(Math.max(0, phone.length() - 4)));
    }
    if (!emails.isEmpty()) {
      parts.add(emails.get(0));
    }
    return String.join(" · ", parts);
  }
}
