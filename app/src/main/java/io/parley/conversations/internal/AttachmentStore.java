package io.parley.conversations.internal;

import io.parley.conversations.CaseRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Keeps attachment bytes on disk under their SHA-256 (the same file twice is stored once), after
 * checking size and sniffing the real type.
 */
@Component
public class AttachmentStore {

  private final Path root;
  private final long maxBytes;
  private final int maxFiles;
  private final AttachmentRepository attachments;

  AttachmentStore(ConversationsProperties properties, AttachmentRepository attachments) {
    this.root = Path.of(properties.attachmentDir());
    this.maxBytes = properties.maxAttachmentSize().toBytes();
    this.maxFiles = properties.maxAttachmentsPerMessage();
    this.attachments = attachments;
  }

  /** Checks every file before anything is written, so a message is stored with all or none. */
  void validate(List<MultipartFile> files) {
    List<MultipartFile> real = files.stream().filter(f -> !f.isEmpty()).toList();
    if (real.size() > maxFiles) {
      throw CaseRejected.invalid("attachment.tooMany");
    }
    for (MultipartFile file : real) {
      if (file.getSize() > maxBytes) {
        throw CaseRejected.invalid("attachment.tooLarge");
      }
      if (sniff(file) == null) {
        throw CaseRejected.invalid("attachment.type");
      }
    }
  }

  @Transactional
  public void store(Long messageId, Long caseId, List<MultipartFile> files) {
    validate(files);
    for (MultipartFile file : files) {
      if (file.isEmpty()) {
        continue;
      }
      String type = sniff(file);
      String sha = write(file);
      attachments.save(
          new Attachment(
              messageId, caseId, cleanName(file.getOriginalFilename()), type, file.getSize(), sha));
    }
  }

  /**
   * Stores files that came with an inbound message. Too large or too many are skipped with a
   * warning (the channel's record keeps their names); a type that must never be rendered (HTML,
   * SVG) is kept as a download-only octet stream, since it is the customer's file. Returns the
   * stored ids of inline parts by their Content-ID.
   */
  public Map<String, Long> storeInbound(
      Long messageId, Long caseId, List<io.parley.channels.InboundAttachment> files) {
    Map<String, Long> inline = new java.util.HashMap<>();
    int stored = 0;
    for (var file : files) {
      if (file.content() == null || file.content().length == 0) {
        continue;
      }
      if (file.size() > maxBytes || stored >= maxFiles * 4) {
        org.slf4j.LoggerFactory.getLogger(AttachmentStore.class)
            .warn("Skipped inbound attachment {} on case {}: too large or too many", file, caseId);
        continue;
      }
      byte[] head = java.util.Arrays.copyOf(file.content(), Math.min(4096, file.content().length));
      String type = FileSniffer.sniff(head).orElse("application/octet-stream");
      String sha = write(new java.io.ByteArrayInputStream(file.content()));
      Attachment saved =
          attachments.save(
              new Attachment(
                  messageId, caseId, cleanName(file.fileName()), type, file.size(), sha));
      if (file.contentId() != null) {
        inline.put(file.contentId(), saved.getId());
      }
      stored++;
    }
    return inline;
  }

  Map<Long, List<Attachment>> byMessage(List<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return Map.of();
    }
    return attachments.findByMessageIdIn(messageIds).stream()
        .collect(Collectors.groupingBy(Attachment::getMessageId));
  }

  Path pathOf(Attachment attachment) {
    String sha = attachment.getSha256();
    return root.resolve(sha.substring(0, 2)).resolve(sha);
  }

  private String sniff(MultipartFile file) {
    try (InputStream in = file.getInputStream()) {
      return FileSniffer.sniff(in.readNBytes(4096)).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(MultipartFile file) {
    try {
      return write(file.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(InputStream source) {
    try {
      Files.createDirectories(root);
      Path temp = Files.createTempFile(root, "upload-", ".part");
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(source, digest)) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      Path target = root.resolve(sha.substring(0, 2)).resolve(sha);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        Files.delete(temp);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return sha;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keeps the file name readable but harmless: no paths, no control characters, bounded. */
  static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return "attachment";
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").strip();
    if (base.isEmpty() || base.equals(".") || base.equals("..")) {
      return "attachment";
    }
    return base.length() > 200 ? base.substring(base.length() - 200) : base;
  }
}
