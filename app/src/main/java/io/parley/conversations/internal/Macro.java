package io.parley.conversations.internal;

import io.parley.conversations.CaseStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A canned response with placeholders ({@code {{customer.name}}}, {@code {{agent.name}}}, {@code
 * {{agent.signature}}}, {@code {{case.reference}}}), optionally setting the case's status.
 */
@Entity
@Table(name = "conversations_macro")
public class Macro {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conversations_macro_seq")
  @SequenceGenerator(name = "conversations_macro_seq", allocationSize = 50)
  private Long id;

  private String name;
  private String body;

  @Enumerated(EnumType.STRING)
  private CaseStatus setStatus;

  private Long ownerUserId;
  private Instant createdAt;

  protected Macro() {}

  public Macro(String name, String body, CaseStatus setStatus, Long ownerUserId) {
    this.name = name;
    this.body = body;
    this.setStatus = setStatus;
    this.ownerUserId = ownerUserId;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getBody() {
    return body;
  }

  public CaseStatus getSetStatus() {
    return setStatus;
  }
}
