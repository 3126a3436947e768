package io.parley.customers.internal;

import io.parley.customers.CustomerProfile;
import io.parley.customers.PostalAddress;
import io.parley.customers.Tier;
import java.util.Arrays;
import java.util.List;

/** The customer form as typed: emails and phones one per line, a single postal address. */
public class CustomerForm {
  private String displayName = "";
  private String language = "";
  private Tier tier = Tier.STANDARD;
  private String notes = "";
  private String emails = "";
  private String phones = "";
  private String line1 = "";
  private String line2 = "";
  private String city = "";
  private String region = "";
  private String postalCode = "";
  private String country = "";

  static CustomerForm of(CustomerProfile p) {
    CustomerForm f = new CustomerForm();
    f.displayName = p.displayName();
    f.language = p.language() == null ? "" : p.language();
    f.tier = p.tier();
    f.notes = p.notes() == null ? "" : p.notes();
    f.emails = String.join("\n", p.emails());
    f.phones = String.join("\n", p.phones());
    if (!p.addresses().isEmpty()) {
      PostalAddress a = p.addresses().get(0);
      f.line1 = nz(a.line1());
      f.line2 = nz(a.line2());
      f.city = nz(a.city());
      f.region = nz(a.region());
      f.postalCode = nz(a.postalCode());
      f.country = nz(a.country());
    }
    return f;
  }

  List<String> emailList() {
    return lines(emails);
  }

  List<String> phoneList() {
    return lines(phones);
  }

  List<PostalAddress> addressList() {
    if (line1 == null || line1.isBlank()) {
      return List.of();
    }
    return List.of(
        new PostalAddress(
            line1.trim(),
            blank(line2),
            blank(city),
            blank(region),
            blank(postalCode),
            country == null || country.isBlank() ? null : country.trim().toUpperCase()));
  }

  private static List<String> lines(String text) {
    return text == null
        ? List.of()
        : Arrays.stream(text.split("[\\r\\n,;]+"))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
  }

  private static String blank(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String nz(String v) {
    return v == null ? "" : v;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String v) {
    displayName = v;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String v) {
    language = v;
  }

  public Tier getTier() {
    return tier;
  }

  public void setTier(Tier v) {
    tier = v;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String v) {
    notes = v;
  }

  public String getEmails() {
    return emails;
  }

  public void setEmails(String v) {
    emails = v;
  }

  public String getPhones() {
    return phones;
  }

  public void setPhones(String v) {
    phones = v;
  }

  public String getLine1() {
    return line1;
  }

  public void setLine1(String v) {
    line1 = v;
  }

  public String getLine2() {
    return line2;
  }

  public void setLine2(String v) {
    line2 = v;
  }

  public String getCity() {
    return city;
  }

  public void setCity(String v) {
    city = v;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String v) {
    region = v;
  }

  public String getPostalCode() {
    return postalCode;
  }

  public void setPostalCode(String v) {
    postalCode = v;
  }

  public String getCountry() {
    return country;
  }

  public void setCountry(String v) {
    country = v;
  }
}
