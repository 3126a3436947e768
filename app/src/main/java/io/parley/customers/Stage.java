package io.parley.customers;

/**
 * Where someone stands in the funnel: a social account we only heard from ({@code SOCIAL}), a
 * contact we served (an agent converted them, or a first case), a customer (linked to a CRM record
 * or a purchase).
 */
public enum Stage {
  SOCIAL,
  CONTACT,
  CUSTOMER
}
