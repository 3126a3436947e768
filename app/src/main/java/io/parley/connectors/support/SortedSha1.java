package io.parley.connectors.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The callback signature of WeChat and of Weibo's fans service: the hex SHA-1 of the shared secret,
 * timestamp and nonce sorted and joined
 * (https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html,
 * https://open.weibo.com/wiki/Basic_Settings_Guide).
 */
public final class SortedSha1 {

  private SortedSha1() {}

  public static String of(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of()
          .formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** Compares in constant time. */
  public static boolean matches(String given, String... parts) {
    if (given == null) {
      return false;
    }
    for (String part : parts) {
      if (part == null || part.isEmpty()) {
        return false;
      }
    }
    return MessageDigest.isEqual(
        of(parts).getBytes(StandardCharsets.US_ASCII),
        given.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
