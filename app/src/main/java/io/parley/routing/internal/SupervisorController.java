package io.parley.routing.internal;

import io.parley.conversations.Cases;
import io.parley.identity.CurrentUser;
import io.parley.identity.UserId;
import io.parley.routing.Routing;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The live supervisor view: queues, agents, load against capacity, and reassigning cases. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
class SupervisorController {

  private final SupervisorBoard board;
  private final SupervisorStream stream;
  private final Routing routing;
  private final Cases cases;

  SupervisorController(
      SupervisorBoard board, SupervisorStream stream, Routing routing, Cases cases) {
    this.board = board;
    this.stream = stream;
    this.routing = routing;
    this.cases = cases;
  }

  @GetMapping("/supervisor")
  String page(Model model) {
    model.addAttribute("board", board.board());
    return "routing/supervisor";
  }

  @GetMapping("/supervisor/board")
  String fragment(Model model) {
    page(model);
    return "routing/supervisor :: board";
  }

  @GetMapping(path = "/supervisor/stream", produces = "text/event-stream")
  SseEmitter live() {
    return stream.subscribe();
  }

  @PostMapping("/supervisor/reassign")
  String reassign(
      @RequestParam String reference, @RequestParam long agentId, RedirectAttributes redirect) {
    var aCase = cases.findByReference(reference.strip().toUpperCase(java.util.Locale.ROOT));
    var refused =
        aCase.isEmpty()
            ? java.util.Optional.of("supervisor.reassign.notFound")
            : routing.reassign(aCase.get().id(), new UserId(agentId), CurrentUser.require().id());
    if (refused.isPresent()) {
      // The form shows again as filled in, with the reason beside it.
      redirect.addFlashAttribute("error", refused.get());
      redirect.addFlashAttribute("typedReference", reference);
      redirect.addFlashAttribute("typedAgent", agentId);
    } else {
      redirect.addFlashAttribute("notice", "supervisor.reassigned");
    }
    return "redirect:/supervisor";
  }
}
