package io.parley.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real mail server (GreenMail, SMTP + IMAP on free ports) and the settings of a mailbox on it.
 */
public final class TestMail {

  private TestMail() {}

  /** One server for the whole test class (register it with {@code @RegisterExtension}). */
  public static GreenMailExtension server() {
    return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
        .withPerMethodLifecycle(false);
  }

  /**
   * Creates the mailbox {@code address} on {@code mail} and returns the email connector settings
   * that poll it (plain IMAP/SMTP on loopback) every {@code pollSeconds}.
   */
  public static Map<String, String> mailbox(
      GreenMailExtension mail, String address, String password, int pollSeconds) {
    mail.setUser(address, address, password);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("imapHost", "127.0.0.1");
    settings.put("imapPort", String.valueOf(mail.getImap().getPort()));
    settings.put("imapSecurity", "none");
    settings.put("imapUser", address);
    settings.put("imapPassword", password);
    settings.put("imapFolder", "INBOX");
    settings.put("smtpHost", "127.0.0.1");
    settings.put("smtpPort", String.valueOf(mail.getSmtp().getPort()));
    settings.put("smtpSecurity", "none");
    settings.put("pollSeconds", String.valueOf(pollSeconds));
    return settings;
  }
}
