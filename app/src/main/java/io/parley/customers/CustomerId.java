package io.parley.customers;

/** Identifies a customer across modules. */
public record CustomerId(long value) {}
