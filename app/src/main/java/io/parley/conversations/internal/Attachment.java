package io.parley.conversations.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file attached to a message; its bytes are stored under their SHA-256. */
@Entity
@Table(name = "conversations_attachment")
public class Attachment {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_attachment_seq")
  @SequenceGenerator(name = "conversations_attachment_seq", allocationSize = 50)
  private Long id;

  private Long messageId;
  private Long caseId;
  private String filename;
  private String contentType;

  @Column(name = "size_bytes")
  private long size;

  /** Null once the bytes of an erased attachment are deleted. */
  private String sha256;

  private Instant createdAt;

  /** When its customer was erased or its case expired: name and bytes are gone. */
  private Instant erasedAt;

  protected Attachment() {}

  Attachment(
      Long messageId, Long caseId, String filename, String contentType, long size, String sha256) {
    this.messageId = messageId;
    this.caseId = caseId;
    this.filename = filename;
    this.contentType = contentType;
    this.size = size;
    this.sha256 = sha256;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public Long getMessageId() {
    return messageId;
  }

  public Long getCaseId() {
    return caseId;
  }

  public String getFilename() {
    return filename;
  }

  public String getContentType() {
    return contentType;
  }

  public long getSize() {
    return size;
  }

  public String getSha256() {
    return sha256;
  }

  public boolean isErased() {
    return erasedAt != null;
  }

  /** Raster images may be shown in the page; everything else is only ever downloaded. */
  public boolean isInlineImage() {
    return contentType.equals("image/png")
        || contentType.equals("image/jpeg")
        || contentType.equals("image/gif")
        || contentType.equals("image/webp");
  }
}
