package io.parley.connectors.email;

import io.parley.channels.ChannelConnector;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
import io.parley.channels.DeliveryResult;
import io.parley.channels.InboundMessage;
import io.parley.channels.OutboundAttachments;
import io.parley.channels.OutboundMessage;
import io.parley.channels.PollResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * One mailbox. Polls the IMAP folder by UID (waiting with IMAP IDLE where offered, so a new message
 * is polled at once; the cursor is {@code uidvalidity:lastuid}, so a recreated folder is read again
 * and the idempotency guard drops what was stored), and sends replies over SMTP with a Message-ID
 * derived from the outbox's idempotency key, so a repeated send after a crash carries the same id
 * and threads (and de-duplicates) like the first.
 */
class EmailConnector implements ChannelConnector {

  private static final Logger log = LoggerFactory.getLogger(EmailConnector.class);
  private static final int BATCH = 50;
  private static final String TIMEOUT = "20000";

  private final ConnectorAccount account;
  private final OutboundAttachments attachments;
  private final Session imapSession;
  private final Session smtpSession;

  EmailConnector(ConnectorAccount account, OutboundAttachments attachments) {
    this.account = account;
    this.attachments = attachments;
    this.imapSession = Session.getInstance(imapProperties(account));
    this.smtpSession = Session.getInstance(smtpProperties(account));
  }

  @Override
  public PollResult poll(String cursor) {
    try (Store store = openStore()) {
      Folder folder = store.getFolder(account.setting("imapFolder", "INBOX"));
      folder.open(Folder.READ_ONLY);
      try {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        long last = 0;
        if (cursor != null && cursor.contains(":")) {
          String[] parts = cursor.split(":", 2);
          if (Long.parseLong(parts[0]) == validity) {
            last = Long.parseLong(parts[1]);
          }
        }
        Message[] found = uids.getMessagesByUID(last + 1, UIDFolder.LASTUID);
        List<Message> fresh = new ArrayList<>();
        for (Message m : found) {
          // LASTUID ranges return the last message even when it is older than the cursor.
          if (m != null && uids.getUID(m) > last) {
            fresh.add(m);
          }
        }
        boolean more = fresh.size() > BATCH;
        List<Message> batch = more ? fresh.subList(0, BATCH) : fresh;
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.ENVELOPE);
        folder.fetch(batch.toArray(Message[]::new), profile);
        List<InboundMessage> messages = new ArrayList<>();
        long newest = last;
        for (Message m : batch) {
          long uid = uids.getUID(m);
          // A copy detaches it from the folder, so the whole message is read once.
          messages.add(MimeReader.read(new MimeMessage((MimeMessage) m)));
          newest = Math.max(newest, uid);
        }
        return new PollResult(messages, validity + ":" + newest, more);
      } finally {
        folder.close(false);
      }
    } catch (AuthenticationFailedException e) {
      throw new ConnectorException("IMAP sign-in refused: " + e.getMessage(), e);
    } catch (MessagingException | IOException e) {
      throw new ConnectorException("IMAP: " + e.getMessage(), e);
    }
  }

  /**
   * IMAP IDLE: waits on the folder until the server announces new messages (or {@code max} passes,
   * when another call on the folder ends the IDLE). Servers without IDLE: unsupported.
   */
  @Override
  public Activity awaitActivity(Duration max) {
    try (Store store = openStore()) {
      if (!(store instanceof org.eclipse.angus.mail.imap.IMAPStore imap)
          || !imap.hasCapability("IDLE")) {
        return Activity.UNSUPPORTED;
      }
      var folder =
          (org.eclipse.angus.mail.imap.IMAPFolder)
              store.getFolder(account.setting("imapFolder", "INBOX"));
      folder.open(Folder.READ_ONLY);
      try {
        long before = folder.getUIDNext();
        long seen = lastSeenUidNext;
        lastSeenUidNext = before;
        if (seen != before) {
          // First watch, or mail came while not idling: poll now rather than wait.
          return Activity.NEW;
        }
        // Any other call on the folder ends the IDLE: that is how the wait is bounded.
        var wakeUp =
            IDLE_TIMER.schedule(
                () -> {
                  try {
                    folder.getMessageCount();
                  } catch (MessagingException | RuntimeException ignored) {
                    // the folder closed meanwhile
                  }
                },
                max.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
          folder.idle(true);
        } finally {
          wakeUp.cancel(false);
        }
        long after = folder.getUIDNext();
        lastSeenUidNext = after;
        return after != before ? Activity.NEW : Activity.QUIET;
      } finally {
        if (folder.isOpen()) {
          folder.close(false);
        }
      }
    } catch (MessagingException e) {
      throw new ConnectorException("IMAP IDLE: " + e.getMessage(), e);
    }
  }

  /** The folder's next UID when the last watch ended (-1 before the first). */
  private volatile long lastSeenUidNext = -1;

  private static final java.util.concurrent.ScheduledExecutorService IDLE_TIMER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parley-imap-idle-timer");
            t.setDaemon(true);
            return t;
          });

  /** A signed-in connection to the account's IMAP server; the caller closes it. */
  private Store openStore() throws MessagingException {
    String protocol = "ssl".equals(account.setting("imapSecurity")) ? "imaps" : "imap";
    Store store = imapSession.getStore(protocol);
    try {
      store.connect(
          account.setting("imapHost"),
          account.intSetting("imapPort", 993),
          account.setting("imapUser"),
          account.setting("imapPassword"));
      return store;
    } catch (MessagingException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public DeliveryResult send(OutboundMessage outbound) {
    try {
      MimeMessage message = compose(outbound);
      String protocol = "ssl".equals(account.setting("smtpSecurity")) ? "smtps" : "smtp";
      try (Transport transport = smtpSession.getTransport(protocol)) {
        String user = account.setting("smtpUser");
        transport.connect(
            account.setting("smtpHost"),
            account.intSetting("smtpPort", 587),
            user == null || user.isBlank() ? null : user,
            user == null || user.isBlank() ? null : account.setting("smtpPassword"));
        transport.sendMessage(message, message.getAllRecipients());
      }
      return DeliveryResult.sent(message.getMessageID());
    } catch (SendFailedException e) {
      if (e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0) {
        return DeliveryResult.failed("SMTP refused the recipient: " + e.getMessage());
      }
      return DeliveryResult.sent(messageIdOf(outbound));
    } catch (AuthenticationFailedException e) {
      return DeliveryResult.retry("SMTP sign-in refused: " + e.getMessage(), Duration.ofMinutes(5));
    } catch (MessagingException | IOException e) {
      log.warn("Sending on {} failed: {}", account, e.toString());
      return DeliveryResult.retry("SMTP: " + e.getMessage(), null);
    }
  }

  MimeMessage compose(OutboundMessage outbound) throws MessagingException, IOException {
    String messageId = messageIdOf(outbound);
    MimeMessage message =
        new MimeMessage(smtpSession) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    boolean files = !outbound.attachments().isEmpty() && attachments != null;
    MimeMessageHelper helper =
        new MimeMessageHelper(
            message,
            files
                ? MimeMessageHelper.MULTIPART_MODE_MIXED
                : MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
            "UTF-8");
    helper.setFrom(from());
    helper.setTo(recipient(outbound));
    helper.setSubject(outbound.subject() == null ? "" : outbound.subject());
    if (outbound.html() != null) {
      helper.setText(outbound.text(), outbound.html());
    } else {
      helper.setText(outbound.text());
    }
    if (files) {
      for (var file : outbound.attachments()) {
        InputStreamSource source = () -> attachments.open(file.ref());
        helper.addAttachment(file.fileName(), source, file.contentType());
      }
    }
    if (outbound.inReplyTo() != null) {
      message.setHeader("In-Reply-To", outbound.inReplyTo());
    }
    if (!outbound.references().isEmpty()) {
      message.setHeader("References", String.join(" ", outbound.references()));
    }
    if (outbound.threadReference() != null) {
      message.setHeader("X-Parley-Loop", outbound.threadReference());
    }
    message.setSentDate(new java.util.Date());
    message.saveChanges();
    return message;
  }

  private InternetAddress from() throws UnsupportedEncodingException {
    return new InternetAddress(
        account.address(), account.setting("fromName", account.name()), "UTF-8");
  }

  private static InternetAddress recipient(OutboundMessage outbound)
      throws UnsupportedEncodingException {
    return outbound.recipientName() == null
        ? new InternetAddress(outbound.recipient(), null, "UTF-8")
        : new InternetAddress(outbound.recipient(), outbound.recipientName(), "UTF-8");
  }

  private String messageIdOf(OutboundMessage outbound) {
    String domain =
        account.address().contains("@")
            ? account.address().substring(account.address().indexOf('@') + 1)
            : "parley.invalid";
    return "<" + outbound.idempotencyKey() + "@" + domain + ">";
  }

  private static Properties imapProperties(ConnectorAccount account) {
    Properties p = new Properties();
    String security = account.setting("imapSecurity", "ssl");
    for (String protocol : List.of("imap", "imaps")) {
      p.put("mail." + protocol + ".connectiontimeout", TIMEOUT);
      p.put("mail." + protocol + ".timeout", TIMEOUT);
      p.put("mail." + protocol + ".writetimeout", TIMEOUT);
      p.put("mail." + protocol + ".partialfetch", "false");
    }
    if ("starttls".equals(security)) {
      p.put("mail.imap.starttls.enable", "true");
      p.put("mail.imap.starttls.required", "true");
    }
    p.put("mail.mime.address.strict", "false");
    return p;
  }

  private static Properties smtpProperties(ConnectorAccount account) {
    Properties p = new Properties();
    String security = account.setting("smtpSecurity", "starttls");
    for (String protocol : List.of("smtp", "smtps")) {
      p.put("mail." + protocol + ".connectiontimeout", TIMEOUT);
      p.put("mail." + protocol + ".timeout", TIMEOUT);
      p.put("mail." + protocol + ".writetimeout", TIMEOUT);
      String user = account.setting("smtpUser");
      p.put("mail." + protocol + ".auth", String.valueOf(user != null && !user.isBlank()));
    }
    if ("starttls".equals(security)) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    return p;
  }
}
