package io.parley.entitlements;

import io.parley.conversations.CaseId;
import io.parley.identity.BrandId;
import java.time.Instant;
import java.util.List;

/**
 * An SLA clock of a case passed its due time while running; {@code dueAt} is when its target was
 * reached (earlier than the escalation when a new priority made the case overdue at once), {@code
 * actions} names the escalations taken (e.g. "priority:URGENT", "queue:12", "assignee:7").
 */
public record SlaBreached(
    CaseId caseId, BrandId brand, SlaMetric metric, Instant dueAt, List<String> actions) {}
