package io.parley.connectors.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API channel's signature, the same both ways: {@code sha256=} and the hex HMAC-SHA256 of the
 * raw body under the account's shared secret, in the {@code X-Parley-Signature} header.
 */
final class Signatures {

  static final String HEADER = "X-Parley-Signature";
  private static final String PREFIX = "sha256=";

  private Signatures() {}

  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Compares in constant time, so timing tells an attacker nothing about the right value. */
  static boolean verify(String secret, byte[] body, String header) {
    if (secret == null || secret.isEmpty() || header == null) {
      return false;
    }
    byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given =
        header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}
