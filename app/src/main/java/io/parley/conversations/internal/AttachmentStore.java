package io.parley.conversations.internal;

import io.parley.conversations.CaseRejected;
import io.parley.shared.SqlArrays;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

/**
 * Keeps attachment bytes on disk under their SHA-256 (the same file twice is stored once), after
 * checking size and sniffing the real type.
 */
@Component
public class AttachmentStore {

  private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);

  /** A file written or reused this recently may belong to an upload not yet committed. */
  static final Duration IN_USE = Duration.ofMinutes(15);

  private final Path root;
  private final long maxBytes;
  private final int maxFiles;
  private final AttachmentRepository attachments;
  private final JdbcTemplate jdbc;

  AttachmentStore(
      ConversationsProperties properties, AttachmentRepository attachments, JdbcTemplate jdbc) {
    this.root = Path.of(properties.attachmentDir());
    this.maxBytes = properties.maxAttachmentSize().toBytes();
    this.maxFiles = properties.maxAttachmentsPerMessage();
    this.attachments = attachments;
    this.jdbc = jdbc;
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
        log.warn("Skipped inbound attachment {} on case {}: too large or too many", file, caseId);
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

  /** Where the bytes of a live attachment are; an erased one has none. */
  Path pathOf(Attachment attachment) {
    if (attachment.isErased()) {
      throw new IllegalStateException("Attachment " + attachment.getId() + " was erased");
    }
    return pathOf(attachment.getSha256());
  }

  private Path pathOf(String sha) {
    return root.resolve(sha.substring(0, 2)).resolve(sha);
  }

  /**
   * Erases the files of these messages (a customer's erasure, a case's expiry) in the caller's
   * transaction: each row keeps that a file was there, renamed {@code placeholder}; after commit
   * the bytes are deleted unless a live attachment shares them (files are stored once per content).
   * Returns how many attachments were erased.
   */
  int erase(Collection<Long> messageIds, String placeholder) {
    if (messageIds.isEmpty()) {
      return 0;
    }
    Object ids = SqlArrays.of("bigint", messageIds);
    List<String> shas =
        jdbc.queryForList(
            "select distinct sha256 from conversations_attachment"
                + " where message_id = any(?) and erased_at is null",
            String.class,
            ids);
    int erased =
        jdbc.update(
            "update conversations_attachment set filename = ?, erased_at = ?"
                + " where message_id = any(?) and erased_at is null",
            placeholder,
            Timestamp.from(Instant.now()),
            ids);
    if (!shas.isEmpty()) {
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                deleteUnshared(shas);
              }
            });
      } else {
        deleteUnshared(shas);
      }
    }
    return erased;
  }

  /**
   * Deletes the files of erased attachments that no live attachment shares, hourly: what a node
   * that stopped between an erasure's commit and its deletions left behind.
   */
  @Scheduled(
      initialDelayString = "${parley.conversations.erased-files-sweep:1h}",
      fixedDelayString = "${parley.conversations.erased-files-sweep:1h}")
  public void sweepErased() {
    deleteUnshared(
        jdbc.queryForList(
            "select distinct sha256 from conversations_attachment"
                + " where erased_at is not null and sha256 is not null",
            String.class));
  }

  private void deleteUnshared(List<String> shas) {
    for (String sha : shas) {
      Integer live =
          jdbc.queryForObject(
              "select count(*) from conversations_attachment"
                  + " where sha256 = ? and erased_at is null",
              Integer.class,
              sha);
      if (live != null && live > 0) {
        continue; // the same bytes are another message's attachment too
      }
      try {
        if (!deleteUnlessRecent(pathOf(sha))) {
          continue; // an upload of the same bytes may not be committed yet: the sweep decides
        }
      } catch (IOException e) {
        log.error("Could not delete the file of an erased attachment ({}); retried hourly", sha, e);
        continue;
      }
      jdbc.update(
          "update conversations_attachment set sha256 = null"
              + " where sha256 = ? and erased_at is not null",
          sha);
    }
  }

  /**
   * Deletes a file unless an upload wrote or reused it within {@link #IN_USE} (its row may still be
   * on its way: counting committed rows cannot see it). The file is first renamed away, so an
   * upload reusing it from then on finds none and writes its own. Returns whether it is gone.
   */
  private static boolean deleteUnlessRecent(Path file) throws IOException {
    Path doomed = file.resolveSibling(file.getFileName() + ".erasing");
    try {
      Files.move(file, doomed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException alreadyGone) {
      return true;
    }
    if (Files.getLastModifiedTime(doomed).toInstant().isAfter(Instant.now().minus(IN_USE))) {
      // Back where it was (an upload that wrote it again meanwhile has the same bytes there).
      Files.move(doomed, file, StandardCopyOption.ATOMIC_MOVE);
      return false;
    }
    Files.delete(doomed);
    return true;
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
        try {
          // Marked as in use: an erasure deleting the same bytes leaves a recent file alone.
          Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
          Files.delete(temp);
          return sha;
        } catch (NoSuchFileException deletedMeanwhile) {
          // an erasure took it away just now: ours takes its place
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
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
