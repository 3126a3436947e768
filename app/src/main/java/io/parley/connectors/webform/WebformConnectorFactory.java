package io.parley.connectors.webform;

import io.parley.channels.Capability;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelConnector;
import io.parley.channels.ChannelConnectorFactory;
import io.parley.channels.ConfigProperty;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.DeliveryResult;
import io.parley.channels.OutboundMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Web form (web-to-case): a form hosted by Parley at {@code /forms/{account}}, or pasted into the
 * company's site, whose submissions open cases. A form cannot answer: replies go out by email
 * through the brand's email account, and the customer gets an email confirming their case.
 */
@Component
class WebformConnectorFactory implements ChannelConnectorFactory {

  static final String TYPE = "webform";
  static final String MAX_FILES = "maxFiles";
  static final String SUBMISSIONS_PER_HOUR = "submissionsPerHour";

  /** The most files conversations keeps with one inbound message. */
  static final int FILES_LIMIT = 5;

  /** The largest file conversations keeps, as for agents' attachments. */
  static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private final MessageSource messages;

  WebformConnectorFactory(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.ATTACHMENTS);
  }

  @Override
  public List<ConfigProperty> configProperties() {
    return List.of(
        ConfigProperty.confirmationEmail(true),
        ConfigProperty.number(MAX_FILES, true, "3"),
        ConfigProperty.number(SUBMISSIONS_PER_HOUR, true, "10"));
  }

  @Override
  public List<String> validate(Map<String, String> settings) {
    String files = settings.get(MAX_FILES);
    if (files != null && files.matches("\\d+") && Integer.parseInt(files) > FILES_LIMIT) {
      return List.of("connector.webform.maxFiles");
    }
    String rate = settings.get(SUBMISSIONS_PER_HOUR);
    if (rate != null && rate.matches("\\d+") && Integer.parseInt(rate) < 1) {
      return List.of("connector.webform.submissionsPerHour");
    }
    return List.of();
  }

  @Override
  public ChannelConnector create(ConnectorAccount account) {
    return new ChannelConnector() {
      @Override
      public DeliveryResult send(OutboundMessage message) {
        // Never chosen by the outbox (no reply capability); said plainly should it ever be.
        return DeliveryResult.failed("A web form cannot send; replies go out by email");
      }
    };
  }

  @Override
  public String embedCode(ChannelAccountId account, String publicUrl, Locale locale) {
    String action = publicUrl + "/forms/" + account.value();
    String lang = locale.getLanguage().equals("zh") ? "zh-CN" : "en";
    return """
        <form action="%s" method="post" enctype="multipart/form-data" accept-charset="UTF-8">
          <input type="hidden" name="lang" value="%s">
          <p><label for="parley-name">%s</label><br>
            <input id="parley-name" name="name" required maxlength="200" autocomplete="name"></p>
          <p><label for="parley-email">%s</label><br>
            <input id="parley-email" name="email" type="email" required maxlength="320" autocomplete="email"></p>
          <p><label for="parley-subject">%s</label><br>
            <input id="parley-subject" name="subject" maxlength="300"></p>
          <p><label for="parley-message">%s</label><br>
            <textarea id="parley-message" name="message" required rows="6" maxlength="20000"></textarea></p>
          <p><label for="parley-files">%s</label><br>
            <input id="parley-files" name="files" type="file" multiple></p>
          <div style="position:absolute;left:-10000px" aria-hidden="true">
            <label>%s <input name="website" tabindex="-1" autocomplete="off"></label>
          </div>
          <p><button type="submit">%s</button></p>
        </form>"""
        .formatted(
            HtmlUtils.htmlEscape(action),
            lang,
            text("webform.name", locale),
            text("webform.email", locale),
            text("webform.subject", locale),
            text("webform.message", locale),
            text("webform.files", locale),
            text("webform.honeypot", locale),
            text("webform.submit", locale));
  }

  private String text(String key, Locale locale) {
    return HtmlUtils.htmlEscape(messages.getMessage(key, null, key, locale));
  }
}
