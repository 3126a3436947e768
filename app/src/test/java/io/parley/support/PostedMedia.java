package io.parley.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.connectors.support.ConnectorsProperties;
import io.parley.connectors.support.MediaDownloads;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Photos customers attach to their posts, as a network's media host serves them, and what became of
 * them on the case, for connector tests.
 */
public final class PostedMedia {

  private PostedMedia() {}

  /** A real 1×1 PNG. */
  public static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  /** A real 8×8 JPEG, written by the JDK's encoder. */
  public static final byte[] JPEG = jpeg();

  /**
   * What the attachment store keeps by default ({@code parley.conversations.max-attachment-size}).
   */
  public static final int MAX_SIZE = 10 * 1024 * 1024;

  /** Downloads with the default limits, for connectors made without the application. */
  public static MediaDownloads downloads() {
    return new MediaDownloads(
        new ConnectorsProperties(
            new ConnectorsProperties.Media(
                DataSize.ofBytes(MAX_SIZE),
                4,
                Duration.ofSeconds(15),
                DataSize.ofMegabytes(64),
                Duration.ofSeconds(20),
                true))); // the stubs are on localhost
  }

  /** A PNG one byte larger than the limit: refused from its declared length. */
  public static byte[] oversized() {
    byte[] big = new byte[MAX_SIZE + 1];
    System.arraycopy(PNG, 0, big, 0, PNG.length);
    return big;
  }

  /** A media host's answer: the bytes with their type. */
  public static ResponseDefinitionBuilder served(byte[] bytes, String contentType) {
    return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(bytes);
  }

  /** An attachment as the case keeps it: its name, sniffed type and bytes. */
  public record Stored(String filename, String contentType, byte[] bytes) {}

  /**
   * The attachments of the message with this network id, in the order they were stored, read back
   * from the attachment store ({@code parley.conversations.attachment-dir}).
   */
  public static List<Stored> of(JdbcTemplate jdbc, String attachmentDir, String externalId) {
    return stored(jdbc, attachmentDir, "m.external_id = ?", externalId);
  }

  /** The attachments of the case with this reference ("ACME-1042"), as {@link #of} reads them. */
  public static List<Stored> ofCase(JdbcTemplate jdbc, String attachmentDir, String reference) {
    return stored(
        jdbc,
        attachmentDir,
        "m.case_id = (select id from conversations_case where reference = ?)",
        reference);
  }

  private static List<Stored> stored(
      JdbcTemplate jdbc, String attachmentDir, String where, String key) {
    return jdbc.query(
        "select a.filename, a.content_type, a.sha256 from conversations_attachment a"
            + " join conversations_message m on m.id = a.message_id where "
            + where
            + " order by a.id",
        (row, i) -> {
          String sha = row.getString(3);
          try {
            return new Stored(
                row.getString(1),
                row.getString(2),
                Files.readAllBytes(
                    Path.of(attachmentDir).resolve(sha.substring(0, 2)).resolve(sha)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        key);
  }

  /** The text of the message with this network id, as the case shows it when it has no HTML. */
  public static String body(JdbcTemplate jdbc, String externalId) {
    return jdbc.queryForObject(
        "select body from conversations_message where external_id = ?", String.class, externalId);
  }

  private static byte[] jpeg() {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 8; x++) {
      for (int y = 0; y < 8; y++) {
        image.setRGB(x, y, (x * 32) << 16 | (y * 32) << 8 | 0x40);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "jpg", out)) {
        throw new IllegalStateException("no JPEG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
