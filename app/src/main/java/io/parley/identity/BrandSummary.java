package io.parley.identity;

/** What other modules may know about a brand. */
public record BrandSummary(BrandId id, String code, String name, String casePrefix) {}
