package io.parley.connectors.email;

import io.parley.channels.InboundAttachment;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a MIME message into an {@link InboundMessage}: the plain and HTML bodies of
 * multipart/alternative (any nesting), attachments and inline images, charsets as senders really
 * use them, encoded-word headers, the threading ids and the headers the inbound filters judge by.
 */
final class MimeReader {

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final List<String> SIGNALS =
      List.of(
          "auto-submitted",
          "precedence",
          "x-autoreply",
          "x-autorespond",
          "x-auto-response-suppress",
          "x-spam-flag",
          "x-spam-status",
          "x-parley-loop",
          "list-id");
  private static final long MAX_PART = 25L * 1024 * 1024;

  private MimeReader() {}

  static InboundMessage read(MimeMessage message) throws MessagingException, IOException {
    Body body = new Body();
    // A delivery report names the message it returns; only then is a returned message's id read.
    body.report = message.isMimeType("multipart/report");
    walk(message, body, false);
    InternetAddress from = firstAddress(message.getFrom());
    if (from == null) {
      from = firstAddress(message.getReplyTo());
    }
    InternetAddress replyTo = firstAddress(message.getReplyTo());
    InternetAddress author = replyTo != null ? replyTo : from;
    String name = from == null ? null : decode(from.getPersonal());
    Map<String, String> signals = new LinkedHashMap<>();
    for (String header : SIGNALS) {
      String value = message.getHeader(header, ",");
      if (value != null) {
        signals.put(header, value);
      }
    }
    String contentType = message.getContentType();
    if (contentType != null) {
      signals.put("content-type", contentType);
    }
    String returnPath = message.getHeader("Return-Path", ",");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      signals.put("return-path-empty", "true");
    }
    List<String> parents = new ArrayList<>();
    parents.addAll(ids(message.getHeader("In-Reply-To", " ")));
    parents.addAll(ids(message.getHeader("References", " ")));
    if (body.reportedMessageId != null) {
      parents.add(body.reportedMessageId);
    }
    String messageId = first(ids(message.getHeader("Message-ID", " ")));
    return new InboundMessage(
        messageId != null ? messageId : "sha256:" + hash(message),
        null,
        parents.stream().distinct().toList(),
        author == null
            ? null
            : InboundAuthor.ofEmail(
                author.getAddress(), name != null ? name : decode(author.getPersonal())),
        decode(rawHeader(message, "Subject")),
        body.text == null ? null : body.text.toString(),
        body.html == null ? null : body.html.toString(),
        body.attachments,
        true,
        message.getSentDate() == null ? null : message.getSentDate().toInstant(),
        signals);
  }

  private static final class Body {
    boolean report;
    StringBuilder text;
    StringBuilder html;
    final List<InboundAttachment> attachments = new ArrayList<>();
    String reportedMessageId;
  }

  private static void walk(Part part, Body body, boolean inAlternative)
      throws MessagingException, IOException {
    String type = lower(part.getContentType());
    String disposition = part.getDisposition() == null ? null : lower(part.getDisposition());
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      boolean alternative = part.isMimeType("multipart/alternative");
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, body, alternative);
      }
      return;
    }
    if (part.isMimeType("message/rfc822") && !Part.ATTACHMENT.equals(disposition)) {
      if (body.report && part.getContent() instanceof MimeMessage returned) {
        String id = first(ids(returned.getHeader("Message-ID", " ")));
        if (id != null) {
          body.reportedMessageId = id;
        }
      }
      // A forwarded (or returned) message: keep it as a file, its text stays readable there.
      body.attachments.add(attachment(part, "forwarded.eml"));
      return;
    }
    if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/delivery-status")) {
      String headers = text(part);
      Matcher original =
          Pattern.compile("(?im)^(?:Message-ID|Original-Message-ID)\\s*:\\s*(<[^>]+>)")
              .matcher(headers);
      if (body.report && original.find()) {
        body.reportedMessageId = original.group(1);
      }
      return;
    }
    boolean isAttachment =
        Part.ATTACHMENT.equals(disposition)
            || !(part.isMimeType("text/plain") || part.isMimeType("text/html"));
    if (isAttachment) {
      String fallback =
          type.startsWith("image/") ? "image." + type.substring(6).split(";")[0] : "attachment";
      body.attachments.add(attachment(part, fallback));
      return;
    }
    if (part.isMimeType("text/html")) {
      if (body.html == null) {
        body.html = new StringBuilder(text(part));
      } else if (!inAlternative) {
        body.html.append("<hr>").append(text(part));
      }
      return;
    }
    // text/plain and any other text
    if (body.text == null) {
      body.text = new StringBuilder(text(part));
    } else if (!inAlternative) {
      body.text.append("\n\n").append(text(part));
    }
  }

  private static InboundAttachment attachment(Part part, String fallbackName)
      throws MessagingException, IOException {
    String name = part.getFileName();
    name = name == null ? fallbackName : decode(MailCharsets.widenEncodedWords(name));
    String contentId = null;
    if (part instanceof jakarta.mail.internet.MimePart mime && mime.getContentID() != null) {
      contentId = mime.getContentID().replaceAll("[<>]", "");
    }
    ContentType ct = contentType(part);
    return new InboundAttachment(
        name,
        ct == null ? "application/octet-stream" : ct.getBaseType().toLowerCase(Locale.ROOT),
        bytes(part),
        contentId);
  }

  /** Decodes a text part with the charset its label really means (see {@link MailCharsets}). */
  static String text(Part part) throws MessagingException, IOException {
    ContentType ct = contentType(part);
    String label = ct == null ? null : ct.getParameter("charset");
    return new String(bytes(part), MailCharsets.forLabel(label));
  }

  private static byte[] bytes(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > MAX_PART) {
          break;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static ContentType contentType(Part part) throws MessagingException {
    try {
      return part.getContentType() == null ? null : new ContentType(part.getContentType());
    } catch (ParseException e) {
      return null;
    }
  }

  private static String rawHeader(MimeMessage message, String name) throws MessagingException {
    String raw = message.getHeader(name, " ");
    return raw == null ? null : MailCharsets.widenEncodedWords(MimeUtility.unfold(raw));
  }

  static String decode(String value) {
    if (value == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(MailCharsets.widenEncodedWords(value)).strip();
    } catch (java.io.UnsupportedEncodingException e) {
      return value.strip();
    }
  }

  private static InternetAddress firstAddress(Address[] addresses) {
    if (addresses == null) {
      return null;
    }
    for (Address a : addresses) {
      if (a instanceof InternetAddress ia
          && ia.getAddress() != null
          && ia.getAddress().contains("@")) {
        return ia;
      }
    }
    return null;
  }

  static List<String> ids(String header) {
    List<String> ids = new ArrayList<>();
    if (header == null) {
      return ids;
    }
    Matcher m = MESSAGE_ID.matcher(header);
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  private static String first(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  private static String hash(Message message) throws MessagingException, IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      message.writeTo(raw);
      return HexFormat.of().formatHex(digest.digest(raw.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
