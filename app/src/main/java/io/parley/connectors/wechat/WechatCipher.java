package io.parley.connectors.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The message encryption of safe and compatible mode (安全模式, 兼容模式), as WeChat documents it
 * (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html)
 * and its WXBizMsgCrypt samples implement it: AES-256-CBC under the account's EncodingAESKey
 * Base64-decoded, the IV the key's first 16 bytes, PKCS#7 padding to a multiple of 32 bytes, over
 * 16 random bytes, the message's length (4 bytes, big-endian), the message (UTF-8) and the AppID it
 * is for.
 */
final class WechatCipher {

  /** WeChat pads to 32 bytes (the key's length), not to AES's 16-byte block: done here. */
  private static final int PADDED_TO = 32;

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final IvParameterSpec iv;

  /** {@code encodingAesKey} must pass {@link #isEncodingAesKey}. */
  WechatCipher(String encodingAesKey) {
    if (!isEncodingAesKey(encodingAesKey)) {
      throw new IllegalArgumentException("an EncodingAESKey has 43 letters and digits");
    }
    byte[] bytes = Base64.getDecoder().decode(encodingAesKey + "=");
    this.key = new SecretKeySpec(bytes, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOf(bytes, 16));
  }

  /**
   * Whether the value is an EncodingAESKey as the WeChat admin console generates it: 43 letters and
   * digits, the Base64 of 32 bytes without its trailing "=".
   */
  static boolean isEncodingAesKey(String value) {
    return value != null && value.matches("[A-Za-z0-9]{43}");
  }

  /** The message an {@code Encrypt} element carries and the AppID it names, or why it has none. */
  record Decrypted(String message, String appId, String failure) {

    boolean ok() {
      return failure == null;
    }

    static Decrypted unreadable(String why) {
      return new Decrypted(null, null, why);
    }
  }

  Decrypted decrypt(String encrypt) {
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(encrypt == null ? "" : encrypt.strip());
    } catch (IllegalArgumentException e) {
      return Decrypted.unreadable("Encrypt is not Base64");
    }
    if (sealed.length == 0 || sealed.length % 16 != 0) {
      return Decrypted.unreadable(
          "Encrypt holds " + sealed.length + " bytes, not a multiple of AES's 16-byte block");
    }
    byte[] plain;
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, key, iv);
      plain = aes.doFinal(sealed);
    } catch (GeneralSecurityException e) {
      return Decrypted.unreadable("AES decryption failed: " + e.getMessage());
    }
    // A wrong key or a damaged message shows here first: the padding is whatever came out.
    int padding = plain[plain.length - 1] & 0xff;
    if (padding < 1 || padding > PADDED_TO || padding > plain.length) {
      return Decrypted.unreadable(
          "invalid padding (last byte " + padding + "): wrong EncodingAESKey or damaged message");
    }
    for (int i = plain.length - padding; i < plain.length; i++) {
      if ((plain[i] & 0xff) != padding) {
        return Decrypted.unreadable(
            "invalid padding (its "
                + padding
                + " bytes differ): wrong EncodingAESKey or damaged message");
      }
    }
    int end = plain.length - padding;
    if (end < 20) {
      return Decrypted.unreadable("too short for the random bytes and the length");
    }
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (length < 0 || length > end - 20) {
      return Decrypted.unreadable("message length " + length + " exceeds what was decrypted");
    }
    return new Decrypted(
        new String(plain, 20, length, StandardCharsets.UTF_8),
        new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8),
        null);
  }

  /** The Base64 {@code Encrypt} of a message for {@code appId}, after 16 fresh random letters. */
  String encrypt(String message, String appId) {
    byte[] random = new byte[16];
    for (int i = 0; i < random.length; i++) {
      random[i] = (byte) ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length()));
    }
    return encrypt(message, appId, random);
  }

  /** As above with the given 16 random bytes (WeChat's samples fix them to check the result). */
  String encrypt(String message, String appId, byte[] random) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    byte[] app = appId.getBytes(StandardCharsets.UTF_8);
    int unpadded = 16 + 4 + text.length + app.length;
    int padding = PADDED_TO - unpadded % PADDED_TO;
    ByteBuffer plain = ByteBuffer.allocate(unpadded + padding);
    plain.put(random, 0, 16).putInt(text.length).put(text).put(app);
    while (plain.hasRemaining()) {
      plain.put((byte) padding);
    }
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, key, iv);
      return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is part of every JDK", e);
    }
  }
}
