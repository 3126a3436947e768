package io.parley.conversations.internal;

import io.parley.conversations.CaseRejected;
import io.parley.conversations.Cases;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public page where a customer rates a solved case (1 to 5 and a comment). */
@Controller
class SatisfactionController {

  private final Cases cases;

  SatisfactionController(Cases cases) {
    this.cases = cases;
  }

  @GetMapping("/csat/{reference}")
  String form(@PathVariable String reference, @RequestParam(name = "t") String token, Model model) {
    model.addAttribute("reference", reference);
    model.addAttribute("token", token);
    return "conversations/csat";
  }

  @PostMapping("/csat/{reference}")
  String rate(
      @PathVariable String reference,
      @RequestParam(name = "t") String token,
      @RequestParam int score,
      @RequestParam(defaultValue = "") String comment,
      Model model) {
    model.addAttribute("reference", reference);
    model.addAttribute("token", token);
    try {
      cases.rate(reference, token, score, comment.isBlank() ? null : comment.strip());
      model.addAttribute("thanks", true);
    } catch (CaseRejected e) {
      model.addAttribute("error", e.messageKey());
    }
    return "conversations/csat";
  }
}
