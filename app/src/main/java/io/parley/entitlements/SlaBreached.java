package io.parley.entitlements;

import io.parley.conversations.CaseId;
import io.parley.identity.BrandId;
import java.time.Instant;
import java.util.List;

/**
 * An SLA clock of a case passed its due time while running; {@code actions} names the escalations
 * taken (e.g. "priority:URGENT", "queue:12", "assignee:7").
 */
public record SlaBreached(
    CaseId caseId, BrandId brand, SlaMetric metric, Instant dueAt, List<String> actions) {}
