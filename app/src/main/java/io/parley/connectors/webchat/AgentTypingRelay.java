package io.parley.connectors.webchat;

import io.parley.channels.AgentTyping;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Shows the visitor that an agent is writing on their chat's case. */
@Component
class AgentTypingRelay {

  private final Transcripts transcripts;
  private final LiveChats live;
  private final JsonMapper json;

  AgentTypingRelay(Transcripts transcripts, LiveChats live, JsonMapper json) {
    this.transcripts = transcripts;
    this.live = live;
    this.json = json;
  }

  @EventListener
  void on(AgentTyping typing) {
    transcripts
        .sessionOfLines(typing.account().value(), typing.messageIds())
        .ifPresent(
            session ->
                live.push(
                    session,
                    "typing",
                    json.writeValueAsString(
                        Map.of("name", typing.agentName(), "typing", typing.typing()))));
  }
}
