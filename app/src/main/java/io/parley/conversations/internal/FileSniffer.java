package io.parley.conversations.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells what a file really is from its first bytes, ignoring its name and declared type. Only
 * passive formats are recognised; HTML, SVG, scripts and executables are not, and are refused.
 */
final class FileSniffer {

  private FileSniffer() {}

  static Optional<String> sniff(byte[] head) {
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("image/png");
    }
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("image/jpeg");
    }
    if (startsWith(head, 'G', 'I', 'F', '8')) {
      return Optional.of("image/gif");
    }
    if (startsWith(head, 'R', 'I', 'F', 'F')
        && head.length >= 12
        && head[8] == 'W'
        && head[9] == 'E'
        && head[10] == 'B'
        && head[11] == 'P') {
      return Optional.of("image/webp");
    }
    if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
      return Optional.of("application/pdf");
    }
    if (startsWith(head, 'P', 'K', 0x03, 0x04)) {
      // Office documents (docx, xlsx) are zip files; served only as downloads.
      return Optional.of("application/zip");
    }
    if (isPlainText(head)) {
      return Optional.of("text/plain");
    }
    return Optional.empty();
  }

  private static boolean isPlainText(byte[] head) {
    if (head.length == 0) {
      return false;
    }
    for (byte b : head) {
      if (b == 0) {
        return false;
      }
    }
    String text;
    try {
      // The sample may end inside a multi-byte character: allow a truncated tail.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(head, 0, Math.max(0, head.length - 3)))
              .toString();
    } catch (CharacterCodingException e) {
      return false;
    }
    String start = text.stripLeading().toLowerCase(java.util.Locale.ROOT);
    // Markup a browser would run is not "plain text", whatever its name says.
    return !(start.startsWith("<") || start.contains("<script") || start.contains("<svg"));
  }

  private static boolean startsWith(byte[] data, int... prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    return Arrays.equals(Arrays.copyOf(data, prefix.length), toBytes(prefix));
  }

  private static byte[] toBytes(int[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
