package io.parley.connectors.webchat;

import io.parley.identity.Brands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat as visitors reach it, under {@code /chat} (public, stateless, no CSRF): the page shown
 * in the widget's frame, starting a chat, writing, and the stream of replies. The frame is served
 * by Parley, so its calls are same-origin; other origins (a company's own chat UI) must be listed
 * in the account's allowed sites, which also bound who may frame the chat. A chat erased on the
 * customer's request is over: writing to it or reading it is refused (410 {@code chat_ended}) and
 * its stream sends {@code ended}, so the page offers a new chat.
 */
@Controller
@RequestMapping("/chat/{account}")
class ChatController {

  static final List<String> TEXTS =
      List.of(
          "title",
          "close",
          "messages",
          "message",
          "send",
          "greeting",
          "offline",
          "email",
          "name",
          "you",
          "rateLimited",
          "emailRequired",
          "emailInvalid",
          "failed",
          "identityInvalid",
          "connecting",
          "offlineSent",
          "agentTyping",
          "ended",
          "newChat");

  private final Chats chats;
  private final LiveChats live;
  private final Brands brands;
  private final MessageSource messages;
  private final JsonMapper json;

  ChatController(
      Chats chats, LiveChats live, Brands brands, MessageSource messages, JsonMapper json) {
    this.chats = chats;
    this.live = live;
    this.brands = brands;
    this.messages = messages;
    this.json = json;
  }

  @GetMapping("/frame")
  String frame(
      @PathVariable long account,
      @RequestParam(defaultValue = "en") String lang,
      Model model,
      HttpServletResponse response) {
    WebchatConnector chat = chats.chat(account);
    Locale locale =
        lang.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    String brand =
        brands.find(chat.account().brand()).map(b -> b.name()).orElse(chat.account().name());
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : TEXTS) {
      texts.put(key, messages.getMessage("webchat." + key, new Object[] {brand}, locale));
    }
    if (chat.greeting() != null) {
      texts.put("greeting", chat.greeting());
    }
    if (chat.offlineMessage() != null) {
      texts.put("offline", chat.offlineMessage());
    }
    if (!chat.allowedOrigins().isEmpty()) {
      // A second policy: browsers enforce both, so this narrows who may frame the chat.
      response.addHeader(
          "Content-Security-Policy",
          "frame-ancestors 'self' " + String.join(" ", chat.allowedOrigins()));
    }
    model.addAttribute("account", account);
    model.addAttribute("lang", locale.toLanguageTag());
    model.addAttribute("texts", texts);
    model.addAttribute("textsJson", json.writeValueAsString(texts));
    return "webchat/frame";
  }

  record StartRequest(String visitor, String identity) {}

  record WriteRequest(String text, String email, String name) {}

  @PostMapping(path = "/sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> start(
      @PathVariable long account,
      @RequestBody StartRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    WebchatConnector chat = chat(account, request, response);
    var started = chats.start(chat, body.visitor(), body.identity(), request.getRemoteAddr());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("session", started.session().id());
    answer.put("online", started.online());
    answer.put("emailKnown", started.session().email() != null);
    answer.put("lines", started.lines().stream().map(WebchatConnector::view).toList());
    return ResponseEntity.ok()
        .cacheControl(org.springframework.http.CacheControl.noStore())
        .body(answer);
  }

  @PostMapping(path = "/sessions/{session}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> write(
      @PathVariable long account,
      @PathVariable String session,
      @RequestBody WriteRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    WebchatConnector chat = chat(account, request, response);
    var written =
        chats.write(chat, session, body.text(), body.email(), body.name(), request.getRemoteAddr());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("line", WebchatConnector.view(written.line()));
    answer.put("online", written.online());
    return ResponseEntity.accepted().body(answer);
  }

  /** The visitor is typing: agents on the case see it for a few seconds. */
  @PostMapping("/sessions/{session}/typing")
  ResponseEntity<Void> typing(
      @PathVariable long account,
      @PathVariable String session,
      HttpServletRequest request,
      HttpServletResponse response) {
    WebchatConnector chat = chat(account, request, response);
    chats.typing(chat, chats.ongoing(chat, session));
    return ResponseEntity.noContent().build();
  }

  /** Lines after {@code after}: what a returning or reconnecting visitor missed. */
  @GetMapping("/sessions/{session}/lines")
  @ResponseBody
  ResponseEntity<Map<String, Object>> lines(
      @PathVariable long account,
      @PathVariable String session,
      @RequestParam(defaultValue = "0") long after,
      HttpServletRequest request,
      HttpServletResponse response) {
    WebchatConnector chat = chat(account, request, response);
    var found = chats.ongoing(chat, session);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "lines", chats.transcript(found, after).stream().map(WebchatConnector::view).toList());
    answer.put("online", chats.online(chat));
    return ResponseEntity.ok()
        .cacheControl(org.springframework.http.CacheControl.noStore())
        .body(answer);
  }

  @GetMapping(path = "/sessions/{session}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @PathVariable long account,
      @PathVariable String session,
      HttpServletRequest request,
      HttpServletResponse response) {
    WebchatConnector chat = chat(account, request, response);
    var found = chats.session(chat, session);
    // An erased chat's page learns it is over from the stream too.
    return found.erased() ? live.ended() : live.subscribe(found.id());
  }

  /** CORS preflight for a company's own chat UI on an allowed site. */
  @RequestMapping(
      path = {"/sessions", "/sessions/**"},
      method = RequestMethod.OPTIONS)
  ResponseEntity<Void> preflight(
      @PathVariable long account, HttpServletRequest request, HttpServletResponse response) {
    chat(account, request, response);
    response.setHeader("Access-Control-Allow-Methods", "GET, POST");
    response.setHeader("Access-Control-Allow-Headers", "Content-Type");
    response.setHeader("Access-Control-Max-Age", "600");
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(ChatRefusal.class)
  ResponseEntity<Map<String, Object>> refused(ChatRefusal refusal) {
    var answer = ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", refusal.code());
    if (refusal.retryAfter() != null) {
      answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfter()));
      body.put("retryAfter", refusal.retryAfter());
    }
    return answer.body(body);
  }

  /**
   * Requests from the chat's own frame are same-origin; a request from another origin passes only
   * when the account lists it (or lists none), and then gets the CORS headers.
   */
  /** The account's chat, with CORS headers for a company page calling it from an allowed site. */
  private WebchatConnector chat(
      long account, HttpServletRequest request, HttpServletResponse response) {
    WebchatConnector chat = chats.chat(account);
    allowOrigin(chat, request, response);
    return chat;
  }

  private static void allowOrigin(
      WebchatConnector chat, HttpServletRequest request, HttpServletResponse response) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      return;
    }
    String own =
        ServletUriComponentsBuilder.fromContextPath(request)
            .replacePath(null)
            .build()
            .toUriString();
    if (origin.equalsIgnoreCase(own)) {
      return;
    }
    List<String> allowed = chat.allowedOrigins();
    if (!allowed.isEmpty() && allowed.stream().noneMatch(origin::equalsIgnoreCase)) {
      throw new ChatRefusal(403, "origin_not_allowed");
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
  }
}
