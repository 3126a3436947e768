package io.parley.identity;

/** What a user is to the company; decides which parts of Parley they may use. */
public enum Role {
  ADMIN,
  SUPERVISOR,
  AGENT,
  PARTNER,
  CUSTOMER;

  /** The Spring Security authority name, e.g. {@code ROLE_AGENT}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** Staff work cases in the console; partners and customers do not. */
  public boolean isStaff() {
    return this == ADMIN || this == SUPERVISOR || this == AGENT;
  }
}
