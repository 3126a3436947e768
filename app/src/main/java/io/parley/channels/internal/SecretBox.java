package io.parley.channels.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts connector secrets at rest with AES-256-GCM (a fresh 96-bit nonce per value, the nonce
 * stored in front of the ciphertext). The key comes from {@code parley.channels.secret-key} or a
 * key file generated once with owner-only permissions.
 */
@Component
class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "v1:";

  private final SecretKeySpec key;

  SecretBox(ChannelsProperties properties) {
    this.key = new SecretKeySpec(loadKey(properties), "AES");
  }

  String seal(String plain) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a secret", e);
    }
  }

  String open(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("Not a sealed secret");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot decrypt a connector secret: was parley.channels.secret-key changed?", e);
    }
  }

  private static byte[] loadKey(ChannelsProperties properties) {
    if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
      byte[] key = Base64.getDecoder().decode(properties.secretKey().strip());
      if (key.length != 32) {
        throw new IllegalStateException(
            "parley.channels.secret-key must be 32 bytes in base64 (openssl rand -base64 32)");
      }
      return key;
    }
    Path file = Path.of(properties.secretKeyFile());
    try {
      if (Files.exists(file)) {
        byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
        if (key.length != 32) {
          throw new IllegalStateException(file + " does not hold a 32-byte base64 key");
        }
        return key;
      }
      byte[] key = new byte[32];
      RANDOM.nextBytes(key);
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, Base64.getEncoder().encodeToString(key));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the file inherits the data directory's permissions.
      }
      log.warn(
          "Generated the key that encrypts connector secrets in {}. Back it up with the database,"
              + " or set PARLEY_SECRET_KEY.",
          file.toAbsolutePath());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }
}
