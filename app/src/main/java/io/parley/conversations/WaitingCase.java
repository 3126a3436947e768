package io.parley.conversations;

import java.time.Instant;

/** A case waiting in a queue for an agent, and since when it waits there. */
public record WaitingCase(CaseView aCase, Instant since) {}
