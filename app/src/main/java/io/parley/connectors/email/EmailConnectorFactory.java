package io.parley.connectors.email;

import io.parley.channels.Capability;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.OutboundAttachments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Email: a mailbox polled over IMAP (SSL or STARTTLS) and answered over SMTP (SSL or STARTTLS). One
 * account per mailbox; a brand may connect several.
 */
@Component
class EmailConnectorFactory implements ChannelConnectorFactory {

  private final ObjectProvider<OutboundAttachments> attachments;

  EmailConnectorFactory(ObjectProvider<OutboundAttachments> attachments) {
    this.attachments = attachments;
  }

  @Override
  public String type() {
    return "email";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.PUBLIC_REPLY, Capability.POLL, Capability.ATTACHMENTS);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.text("imapHost", true, null),
        ConfigProperty.number("imapPort", true, "993"),
        ConfigProperty.select("imapSecurity", "ssl", "ssl", "starttls", "none"),
        ConfigProperty.text("imapUser", true, null),
        ConfigProperty.secret("imapPassword", true),
        ConfigProperty.text("imapFolder", true, "INBOX"),
        ConfigProperty.text("smtpHost", true, null),
        ConfigProperty.number("smtpPort", true, "587"),
        ConfigProperty.select("smtpSecurity", "starttls", "ssl", "starttls", "none"),
        ConfigProperty.text("smtpUser", false, null),
        ConfigProperty.secret("smtpPassword", false),
        ConfigProperty.text("fromName", false, null),
        ConfigProperty.number("pollSeconds", true, "30"),
        ConfigProperty.text("blockedSenders", false, null));
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    for (String port : List.of("imapPort", "smtpPort")) {
      String value = settings.get(port);
      if (value != null && value.matches("\\d+")) {
        int p = Integer.parseInt(value);
        if (p < 1 || p > 65535) {
          problems.add("connector.email.port");
        }
      }
    }
    return problems;
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new EmailConnector(account, attachments.getIfAvailable());
  }
}
