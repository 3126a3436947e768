package io.parley.channels.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The inbound filter chain, in order: our own messages coming back (loops), auto-replies, bounces,
 * blocked senders, spam. Judged on the signals connectors pass (mail headers, network flags).
 */
@Configuration(proxyBeanMethods = false)
class InboundFilters {

  /** Marks mail Parley sent; a message carrying it came back to us. */
  static final String LOOP_SIGNAL = "x-parley-loop";

  private static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "^(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|autoreply|自动回复|自動回覆|"
              + "abwesenheitsnotiz|réponse automatique|vacation)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SENDER =
      Pattern.compile("^(mailer-daemon|postmaster|mail-daemon)@", Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "^(undeliver(ed|able)|delivery status notification|mail delivery failed|"
              + "returned mail|failure notice|退信|系统退信)",
          Pattern.CASE_INSENSITIVE);

  @Bean
  @Order(10)
  InboundFilter loops() {
    return (account, message) -> {
      if (message.signal(LOOP_SIGNAL) != null) {
        return Optional.of("loop");
      }
      String from = message.author() == null ? null : message.author().email();
      if (from != null && from.equalsIgnoreCase(account.address())) {
        return Optional.of("loop");
      }
      return Optional.empty();
    };
  }

  @Bean
  @Order(20)
  InboundFilter autoReplies() {
    return (account, message) -> {
      String autoSubmitted = lower(message.signal("auto-submitted"));
      if (autoSubmitted != null && !autoSubmitted.startsWith("no")) {
        return Optional.of("auto-reply");
      }
      String precedence = lower(message.signal("precedence"));
      if (precedence != null
          && (precedence.contains("auto_reply")
              || precedence.contains("bulk")
              || precedence.contains("junk"))) {
        return Optional.of("auto-reply");
      }
      if (message.signal("x-autoreply") != null
          || message.signal("x-autorespond") != null
          || message.signal("x-auto-response-suppress") != null
              && lower(message.signal("x-auto-response-suppress")).contains("all")) {
        return Optional.of("auto-reply");
      }
      if (message.subject() != null && AUTO_SUBJECT.matcher(message.subject().strip()).find()) {
        return Optional.of("auto-reply");
      }
      return Optional.empty();
    };
  }

  @Bean
  @Order(30)
  InboundFilter bounces() {
    return (account, message) -> {
      String contentType = lower(message.signal("content-type"));
      if (contentType != null
          && contentType.contains("multipart/report")
          && contentType.contains("delivery-status")) {
        return Optional.of("bounce");
      }
      String from = message.author() == null ? null : message.author().email();
      if (from != null && BOUNCE_SENDER.matcher(from).find()) {
        return Optional.of("bounce");
      }
      if (message.subject() != null
          && BOUNCE_SUBJECT.matcher(message.subject().strip()).find()
          && (from == null || from.isBlank() || message.signal("return-path-empty") != null)) {
        return Optional.of("bounce");
      }
      return Optional.empty();
    };
  }

  @Bean
  @Order(40)
  InboundFilter blockedSenders() {
    return (account, message) -> {
      String list = account.setting("blockedSenders");
      if (list == null || list.isBlank() || message.author() == null) {
        return Optional.empty();
      }
      String who =
          lower(
              message.author().email() != null
                  ? message.author().email()
                  : message.author().externalId());
      if (who == null) {
        return Optional.empty();
      }
      boolean blocked =
          Arrays.stream(list.split("[,;\\s]+"))
              .map(s -> s.strip().toLowerCase(Locale.ROOT))
              .filter(s -> !s.isEmpty())
              .anyMatch(
                  rule ->
                      rule.startsWith("@")
                          ? who.endsWith(rule)
                          : rule.startsWith("*@")
                              ? who.endsWith(rule.substring(1))
                              : who.equals(rule));
      return blocked ? Optional.of("blocked-sender") : Optional.empty();
    };
  }

  @Bean
  @Order(50)
  InboundFilter spam() {
    return (account, message) -> {
      String flag = lower(message.signal("x-spam-flag"));
      String status = lower(message.signal("x-spam-status"));
      if ("yes".equals(flag) || (status != null && status.startsWith("yes"))) {
        return Optional.of("spam");
      }
      return Optional.empty();
    };
  }

  private static String lower(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
