package io.parley.integration.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A phone call as the phone system reported it, with who took it and the case it belongs to. */
@Entity
@Table(name = "integration_call")
public class Call {

  public enum State {
    RINGING,
    ANSWERED,
    ENDED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "integration_call_seq")
  @SequenceGenerator(name = "integration_call_seq", allocationSize = 50)
  private Long id;

  private String callId;
  private String caller;
  private String callerE164;
  private String callee;
  private String extension;
  private Long agentUserId;
  private Long customerId;
  private Long caseId;

  @Enumerated(EnumType.STRING)
  private State state;

  private Instant ringingAt;
  private Instant answeredAt;
  private Instant endedAt;
  private boolean logged;

  protected Call() {}

  public Call(String callId, String caller, String callerE164, String callee, Instant at) {
    this.callId = callId;
    this.caller = caller;
    this.callerE164 = callerE164;
    this.callee = callee;
    this.state = State.RINGING;
    this.ringingAt = at;
  }

  public void ringsAt(String extension, Long agent, Long customer) {
    this.extension = extension;
    this.agentUserId = agent;
    if (customer != null) {
      this.customerId = customer;
    }
  }

  public void answered(Instant at, String extension, Long agent) {
    if (answeredAt == null && state != State.ENDED) {
      answeredAt = at;
      state = State.ANSWERED;
      if (extension != null) {
        this.extension = extension;
      }
      if (agent != null) {
        this.agentUserId = agent;
      }
    }
  }

  public void ended(Instant at) {
    if (endedAt == null) {
      endedAt = at;
      state = State.ENDED;
    }
  }

  public void belongsTo(Long caseId, Long customerId) {
    this.caseId = caseId;
    if (customerId != null) {
      this.customerId = customerId;
    }
  }

  public void markLogged() {
    logged = true;
  }

  /** Talk time: from answer to end; zero for a call never answered. */
  public Duration talkTime() {
    return answeredAt == null || endedAt == null
        ? Duration.ZERO
        : Duration.between(answeredAt, endedAt);
  }

  public Long getId() {
    return id;
  }

  public String getCallId() {
    return callId;
  }

  public String getCaller() {
    return caller;
  }

  public String getCallerE164() {
    return callerE164;
  }

  public String getCallee() {
    return callee;
  }

  public String getExtension() {
    return extension;
  }

  public Long getAgentUserId() {
    return agentUserId;
  }

  public Long getCustomerId() {
    return customerId;
  }

  public Long getCaseId() {
    return caseId;
  }

  public State getState() {
    return state;
  }

  public Instant getRingingAt() {
    return ringingAt;
  }

  public Instant getAnsweredAt() {
    return answeredAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public boolean isLogged() {
    return logged;
  }
}
