package io.parley.listening.internal;

import io.parley.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The mentions stream and share of voice, for staff. */
@Controller
class MentionsController {

  private final Mentions mentions;
  private final MentionStream stream;
  private final ShareOfVoice voice;

  MentionsController(Mentions mentions, MentionStream stream, ShareOfVoice voice) {
    this.mentions = mentions;
    this.stream = stream;
    this.voice = voice;
  }

  @GetMapping("/listening/mentions")
  String page(
      @RequestParam(required = false) String sentiment,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String network,
      Model model) {
    model.addAttribute("sentiment", sentiment);
    model.addAttribute("tag", tag);
    model.addAttribute("network", network);
    model.addAttribute("filtered", filtered(sentiment, tag, network));
    model.addAttribute(
        "mentions",
        mentions.latest(
            CurrentUser.require(), new Mentions.Filter(sentiment, tag, network, null), 50));
    return "listening/mentions";
  }

  @GetMapping("/listening/mentions/rows")
  String rows(
      @RequestParam(required = false) String sentiment,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String network,
      Model model) {
    model.addAttribute("filtered", filtered(sentiment, tag, network));
    model.addAttribute(
        "mentions",
        mentions.latest(
            CurrentUser.require(), new Mentions.Filter(sentiment, tag, network, null), 50));
    return "listening/mentions :: rows";
  }

  /** Whether any filter is set: an empty feed then means none match, not none yet. */
  private static boolean filtered(String... filters) {
    return java.util.Arrays.stream(filters).anyMatch(f -> f != null && !f.isBlank());
  }

  @GetMapping(path = "/listening/mentions/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter live() {
    return stream.subscribe(CurrentUser.require());
  }

  @PostMapping("/listening/mentions/{id}/case")
  String toCase(@PathVariable long id, RedirectAttributes redirect) {
    try {
      return "redirect:/cases/" + mentions.openCase(id, CurrentUser.require());
    } catch (IllegalArgumentException | IllegalStateException e) {
      redirect.addFlashAttribute("error", "listening.mention.notConverted");
      return "redirect:/listening/mentions";
    }
  }

  @PostMapping("/listening/mentions/{id}/contact")
  String toContact(@PathVariable long id, RedirectAttributes redirect) {
    try {
      return "redirect:/customers/" + mentions.contact(id, CurrentUser.require()).value();
    } catch (IllegalArgumentException | IllegalStateException e) {
      redirect.addFlashAttribute("error", "listening.mention.notConverted");
      return "redirect:/listening/mentions";
    }
  }

  @GetMapping("/listening/share-of-voice")
  String shareOfVoice(@RequestParam(defaultValue = "30") int days, Model model) {
    model.addAttribute("days", Math.max(1, Math.min(days, 366)));
    model.addAttribute("report", voice.lastDays(CurrentUser.require(), days));
    return "listening/share-of-voice";
  }

  /** The same figures as JSON, for the chart and for API clients. */
  @GetMapping(
      path = {"/listening/share-of-voice.json", "/api/v1/listening/share-of-voice"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<ShareOfVoice.Report> shareOfVoiceJson(
      @RequestParam(defaultValue = "30") int days) {
    CurrentUser viewer = CurrentUser.require();
    if (!viewer.isStaff()) {
      return ResponseEntity.status(403).build();
    }
    return ResponseEntity.ok(voice.lastDays(viewer, days));
  }
}
