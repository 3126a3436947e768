package io.parley.identity;

/** Identifies one of the company's brands across modules. */
public record BrandId(long value) {}
