package io.parley.entitlements;

import io.parley.conversations.CaseId;
import io.parley.identity.BrandId;
import java.time.Instant;

/** An SLA clock of a case is close to its due time (the tier's warning threshold was reached). */
public record SlaWarned(CaseId caseId, BrandId brand, SlaMetric metric, Instant dueAt) {}
