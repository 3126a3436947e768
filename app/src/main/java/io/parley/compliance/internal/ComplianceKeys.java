package io.parley.compliance.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The compliance master key, kept in a file beside (not inside) the database: it signs seals of the
 * audit chain (HMAC-SHA256) and wraps the per-customer keys (AES-GCM). Two keys are derived from
 * it, one per purpose.
 */
@Component
public class ComplianceKeys {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] sealKey;
  private final byte[] wrapKey;

  ComplianceKeys(ComplianceProperties properties) {
    byte[] master = loadOrCreate(Path.of(properties.keyFile()));
    this.sealKey = hmac(master, "parley-audit-seal".getBytes(StandardCharsets.UTF_8));
    this.wrapKey = hmac(master, "parley-subject-key-wrap".getBytes(StandardCharsets.UTF_8));
  }

  /** HMAC-SHA256 of {@code text} under the seal key, hex. */
  public String seal(String text) {
    return HexFormat.of().formatHex(hmac(sealKey, text.getBytes(StandardCharsets.UTF_8)));
  }

  String wrap(byte[] key) {
    return encrypt(wrapKey, key);
  }

  byte[] unwrap(String wrapped) {
    return decrypt(wrapKey, wrapped);
  }

  static byte[] newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  /** AES-256-GCM, a fresh 12-byte nonce first; base64. */
  static String encrypt(byte[] key, byte[] plain) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] decrypt(byte[] key, String text) {
    try {
      byte[] in = Base64.getDecoder().decode(text);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
      return cipher.doFinal(in, 12, in.length - 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).strip());
      }
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      byte[] key = newKey();
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      return key;
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      return loadOrCreate(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the compliance key " + file, e);
    }
  }
}
