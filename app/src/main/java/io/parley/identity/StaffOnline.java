package io.parley.identity;

import java.time.Duration;
import java.util.Date;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Service;

/**
 * Whether someone is there to answer a brand's customers now: a staff member assigned to the brand
 * whose console session made a request recently. Sessions are those of this node (the session
 * registry is in memory), like the console's live updates.
 */
@Service
public class StaffOnline {

  private final SessionRegistry sessions;

  StaffOnline(SessionRegistry sessions) {
    this.sessions = sessions;
  }

  /**
   * True when an agent or supervisor assigned to {@code brand} (not an admin who merely sees every
   * brand) has a live console session with a request within {@code activeWithin}.
   */
  public boolean anyoneServing(BrandId brand, Duration activeWithin) {
    Date since = new Date(System.currentTimeMillis() - activeWithin.toMillis());
    for (Object principal : sessions.getAllPrincipals()) {
      if (principal instanceof CurrentUser user
          && user.isStaff()
          && user.brands().contains(brand)) {
        for (SessionInformation session : sessions.getAllSessions(principal, false)) {
          if (session.getLastRequest().after(since)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
