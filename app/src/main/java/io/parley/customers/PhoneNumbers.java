package io.parley.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/**
 * Phone numbers in E.164 ({@code +8613800138000}), so "+86 138 0013 8000", "13800138000" and "0086
 * 138 0013 8000" are one number. Numbers without a country code are read in {@link
 * #DEFAULT_REGION}.
 */
public final class PhoneNumbers {

  /** Parley's home market; national numbers without a prefix are read as Chinese. */
  public static final String DEFAULT_REGION = "CN";

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** The number in E.164, or empty when it cannot be a phone number. */
  public static Optional<String> e164(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 40) {
      return Optional.empty();
    }
    String s = raw.strip();
    // "00" is the international prefix in most of the world, including China.
    if (s.startsWith("00")) {
      s = "+" + s.substring(2);
    }
    try {
      var number = UTIL.parse(s, DEFAULT_REGION);
      if (!UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** "+86 138****8000": enough to tell customers apart, not enough to call them. */
  public static String masked(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String e164 = e164(raw).orElse(raw.replaceAll("[^0-9+]", ""));
    if (e164.length() < 8) {
      return e164;
    }
    String country = "";
    String national = e164;
    try {
      var number = UTIL.parse(e164, DEFAULT_REGION);
      country = "+" + number.getCountryCode() + " ";
      national = UTIL.getNationalSignificantNumber(number);
    } catch (NumberParseException e) {
      // keep the digits as they are
    }
    if (national.length() < 7) {
      return country + national;
    }
    return country
        + national.substring(0, 3)
        + "*".repeat(national.length() - 7)
        + national.substring(national.length() - 4);
  }
}
