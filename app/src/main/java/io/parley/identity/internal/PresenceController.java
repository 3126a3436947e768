package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import io.parley.identity.PresenceStatus;
import io.parley.identity.Presences;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The presence picker in the console header, the heartbeat of open console pages, and the sweep
 * that turns silent consoles offline (any node may run it: rows are claimed with SKIP LOCKED).
 */
@Controller
class PresenceController {

  private final Presences presences;
  private final IdentityProperties properties;

  PresenceController(Presences presences, IdentityProperties properties) {
    this.presences = presences;
    this.properties = properties;
  }

  @PostMapping("/presence")
  String set(@RequestParam String status, Model model) {
    CurrentUser me = CurrentUser.require();
    PresenceStatus chosen;
    try {
      chosen = PresenceStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.BAD_REQUEST, "presence.invalid");
    }
    if (!me.isStaff()) {
      throw new org.springframework.web.server.ResponseStatusException(
          org.springframework.http.HttpStatus.FORBIDDEN);
    }
    presences.set(me.id(), chosen);
    model.addAttribute("myPresence", chosen);
    return "fragments/presence :: picker";
  }

  @PostMapping("/presence/heartbeat")
  ResponseEntity<Void> heartbeat() {
    CurrentUser.get().filter(CurrentUser::isStaff).ifPresent(me -> presences.seen(me.id()));
    return ResponseEntity.noContent().build();
  }

  @Scheduled(fixedDelayString = "${parley.identity.presence-sweep:30s}")
  void turnSilentConsolesOffline() {
    presences.expireSilentSince(Instant.now().minus(properties.presenceTimeout()));
  }

  /** Every console page shows the signed-in staff member's presence in its header. */
  @ControllerAdvice(annotations = Controller.class)
  static class PresenceModel {

    private final Presences presences;

    PresenceModel(Presences presences) {
      this.presences = presences;
    }

    @ModelAttribute("myPresence")
    PresenceStatus presence() {
      return CurrentUser.get()
          .filter(CurrentUser::isStaff)
          .map(me -> presences.of(me.id()))
          .orElse(null);
    }
  }
}
