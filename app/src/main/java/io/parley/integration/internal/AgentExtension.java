package io.parley.integration.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The phone extension that rings on an agent's desk. */
@Entity
@Table(name = "integration_agent_extension")
public class AgentExtension {

  @Id private Long userId;
  private String extension;

  protected AgentExtension() {}

  public AgentExtension(Long userId, String extension) {
    this.userId = userId;
    this.extension = extension;
  }

  public void change(String extension) {
    this.extension = extension;
  }

  public Long getUserId() {
    return userId;
  }

  public String getExtension() {
    return extension;
  }
}
