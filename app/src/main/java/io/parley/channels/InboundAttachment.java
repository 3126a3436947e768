package io.parley.channels;

/**
 * A file that came with an inbound message. {@code contentId} is set for inline images referenced
 * from the HTML body as {@code cid:}.
 */
public record InboundAttachment(
    String fileName, String contentType, byte[] content, String contentId) {

  public long size() {
    return content.length;
  }

  @Override
  public String toString() {
    return "InboundAttachment[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
  }
}
