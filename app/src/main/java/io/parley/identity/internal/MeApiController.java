package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import io.parley.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class MeApiController {

  record Me(long id, String username, String displayName, Role role, List<Long> brandIds) {}

  @GetMapping("/api/v1/me")
  @Operation(summary = "The user the API token belongs to")
  Me me() {
    CurrentUser me = CurrentUser.require();
    return new Me(
        me.id().value(),
        me.username(),
        me.displayName(),
        me.role(),
        me.brands().stream().map(b -> b.value()).sorted().toList());
  }
}
