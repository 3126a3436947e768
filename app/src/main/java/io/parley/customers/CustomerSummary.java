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
    String city,
    Stage stage,
    CustomerId mergedInto) {

  /** A short hint that tells apart customers who share a name (e.g. several 王军). */
  public String distinguishingHint() {
    String rest = hintBesideNumber();
    return rest.isEmpty() ? customerNumber() : customerNumber() + " · " + rest;
  }

  /**
   * The hint without the customer number, for where the number is already shown beside it: city,
   * masked phone and email; empty when none is known.
   */
  public String hintBesideNumber() {
    var parts = new java.util.ArrayList<String>();
    if (city != null) {
      parts.add(city);
    }
    if (!phones.isEmpty()) {
      parts.add(maskedPhone());
    }
    if (!emails.isEmpty()) {
      parts.add(maskedEmail());
    }
    return String.join(" · ", parts);
  }

  /** The number staff quote to tell customers apart, e.g. {@code C-000123}. */
  public String customerNumber() {
    return String.format("C-%06d", id.value());
  }

  /** The first phone number masked, e.g. {@code +86 138****8000}; empty without a phone. */
  public String maskedPhone() {
    return phones.isEmpty() ? "" : PhoneNumbers.masked(phones.get(0));
  }

  /** The first email with its local part shortened, e.g. {@code w***@example.com}. */
  public String maskedEmail() {
    if (emails.isEmpty()) {
      return "";
    }
    String e = emails.get(0);
    int at = e.indexOf('@');
    return at <= 1 ? e : e.charAt(0) + "***" + e.substring(at);
  }

  /** Up to two letters for an avatar: a Chinese name's given name, else first and last initials. */
  public String initials() {
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty()) {
      return "?";
    }
    if (Character.UnicodeScript.of(name.codePointAt(0)) == Character.UnicodeScript.HAN) {
      return name.codePointCount(0, name.length()) <= 2
          ? name
          : name.substring(name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - 2));
    }
    String[] words = name.split("\\s+");
    String first = words[0].substring(0, 1);
    String last = words.length > 1 ? words[words.length - 1].substring(0, 1) : "";
    return (first + last).toUpperCase(java.util.Locale.ROOT);
  }

  /** A hue for the avatar, stable per customer, so two 王军 do not look alike. */
  public int avatarHue() {
    return (int) ((id.value() * 137) % 360);
  }
}
