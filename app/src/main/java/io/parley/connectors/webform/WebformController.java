package io.parley.connectors.webform;

import io.parley.channels.ChannelAccountId;
import io.parley.channels.ChannelAccountSummary;
import io.parley.channels.ChannelAccounts;
import io.parley.channels.ChannelRejected;
import io.parley.channels.InboundAttachment;
import io.parley.channels.InboundAuthor;
import io.parley.channels.InboundMessage;
import io.parley.channels.Ingest;
import io.parley.channels.IngestResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The hosted form and the endpoint every copy of it posts to, also from the company's own site.
 * Each valid submission becomes one inbound message; a filled-in honeypot is thanked and dropped,
 * and an address that submits too often is asked to wait.
 */
@Controller
class WebformController {

  private static final Logger log = LoggerFactory.getLogger(WebformController.class);
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;.]+");

  private final ChannelAccounts accounts;
  private final Ingest ingest;
  private final SubmissionLimits limits;

  WebformController(ChannelAccounts accounts, Ingest ingest, SubmissionLimits limits) {
    this.accounts = accounts;
    this.ingest = ingest;
    this.limits = limits;
  }

  @GetMapping("/forms/{accountId}")
  String form(@PathVariable long accountId, Model model) {
    Settings settings = settings(accountId);
    return page(model, settings, Submission.EMPTY, Map.of(), null);
  }

  @PostMapping("/forms/{accountId}")
  String submit(
      @PathVariable long accountId,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String subject,
      @RequestParam(defaultValue = "") String message,
      @RequestParam(defaultValue = "") String website,
      @RequestParam(name = "files", required = false) List<MultipartFile> files,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Settings settings = settings(accountId);
    Submission submission =
        new Submission(name.strip(), email.strip(), subject.strip(), message.strip());
    List<MultipartFile> chosen =
        files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
    Map<String, String> errors = submission.problems();
    if (chosen.size() > settings.maxFiles()) {
      errors.put("files", "webform.error.files.tooMany");
    } else if (chosen.stream()
        .anyMatch(f -> f.getSize() > WebformConnectorFactory.MAX_FILE_BYTES)) {
      errors.put("files", "webform.error.files.tooLarge");
    }
    if (!errors.isEmpty() && website.isBlank()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return page(model, settings, submission, errors, null);
    }
    if (!limits.allow(accountId, request.getRemoteAddr(), settings.perHour())) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader("Retry-After", "3600");
      return page(model, settings, submission, Map.of(), "webform.error.tooMany");
    }
    if (!website.isBlank()) {
      // Only a robot fills a field people cannot see: thank it like anyone and keep nothing.
      log.info("Web form {}: honeypot filled from {}, dropped", accountId, request.getRemoteAddr());
      return "redirect:/forms/"
          + accountId
          + "/sent?lang="
          + language(LocaleContextHolder.getLocale());
    }
    try {
      IngestResult result = ingest.receive(settings.account().id(), submission.toMessage(chosen));
      if (result.outcome() == IngestResult.Outcome.FAILED) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        return page(model, settings, submission, Map.of(), "webform.error.failed");
      }
    } catch (ChannelRejected e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    } catch (IOException e) {
      log.warn("Web form {}: an upload could not be read", accountId, e);
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(model, settings, submission, Map.of(), "webform.error.failed");
    }
    return "redirect:/forms/"
        + accountId
        + "/sent?lang="
        + language(LocaleContextHolder.getLocale());
  }

  @GetMapping("/forms/{accountId}/sent")
  String sent(@PathVariable long accountId, Model model) {
    model.addAttribute("account", settings(accountId).account());
    return "webform/sent";
  }

  private String page(
      Model model,
      Settings settings,
      Submission submission,
      Map<String, String> errors,
      String problem) {
    model.addAttribute("account", settings.account());
    model.addAttribute("maxFiles", settings.maxFiles());
    model.addAttribute("form", submission);
    model.addAttribute("errors", errors);
    model.addAttribute("problem", problem);
    model.addAttribute("lang", language(LocaleContextHolder.getLocale()));
    return "webform/form";
  }

  private Settings settings(long accountId) {
    ChannelAccountSummary account =
        accounts
            .find(new ChannelAccountId(accountId))
            .filter(a -> a.active() && a.type().equals(WebformConnectorFactory.TYPE))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    Map<String, String> values = accounts.visibleSettings(account.id());
    return new Settings(
        account,
        Math.min(
            number(values.get(WebformConnectorFactory.MAX_FILES), 3),
            WebformConnectorFactory.FILES_LIMIT),
        Math.max(number(values.get(WebformConnectorFactory.SUBMISSIONS_PER_HOUR), 10), 1));
  }

  private static int number(String value, int fallback) {
    return value != null && value.matches("\\d{1,9}") ? Integer.parseInt(value) : fallback;
  }

  private static String language(Locale locale) {
    return locale.getLanguage().equals("zh") ? "zh-CN" : "en";
  }

  private record Settings(ChannelAccountSummary account, int maxFiles, int perHour) {}

  /** What the customer typed, kept to fill the form again when something is missing. */
  record Submission(String name, String email, String subject, String message) {

    static final Submission EMPTY = new Submission("", "", "", "");

    /** Field name to message key, in form order. */
    Map<String, String> problems() {
      Map<String, String> errors = new LinkedHashMap<>();
      if (name.isEmpty()) {
        errors.put("name", "webform.error.name.required");
      } else if (name.length() > 200) {
        errors.put("name", "webform.error.name.tooLong");
      }
      if (email.isEmpty()) {
        errors.put("email", "webform.error.email.required");
      } else if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
        errors.put("email", "webform.error.email.invalid");
      }
      if (subject.length() > 300) {
        errors.put("subject", "webform.error.subject.tooLong");
      }
      if (message.isEmpty()) {
        errors.put("message", "webform.error.message.required");
      } else if (message.length() > 20_000) {
        errors.put("message", "webform.error.message.tooLong");
      }
      return errors;
    }

    InboundMessage toMessage(List<MultipartFile> files) throws IOException {
      List<InboundAttachment> attachments = new ArrayList<>();
      for (MultipartFile file : files) {
        attachments.add(
            new InboundAttachment(
                file.getOriginalFilename(),
                file.getContentType() == null ? "application/octet-stream" : file.getContentType(),
                file.getBytes(),
                null));
      }
      return new InboundMessage(
          UUID.randomUUID().toString(),
          null,
          List.of(),
          InboundAuthor.ofEmail(email, name),
          subject.isEmpty() ? null : subject,
          message,
          null,
          attachments,
          false,
          Instant.now(),
          Map.of("language", language(LocaleContextHolder.getLocale())));
    }
  }
}
