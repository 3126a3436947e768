package io.parley.channels;

/** What a connector can do on its network; the console offers only what the account supports. */
public enum Capability {
  /** Answers in public (a comment, a reply post, an email). */
  PUBLIC_REPLY,
  /** Answers privately (a direct message). */
  PRIVATE_MESSAGE,
  /** Keeps a live connection open and pushes messages as they come. */
  STREAM,
  /** Asks the network for new messages from a cursor. */
  POLL,
  /** The network calls Parley; the connector verifies and translates the request. */
  WEBHOOK,
  /** Carries files both ways. */
  ATTACHMENTS,
  /** A sent message can be edited on the network. */
  EDIT,
  /** A sent message can be deleted on the network. */
  DELETE,
  /** Replies are only allowed for a while after the customer wrote (e.g. WeChat's 48 hours). */
  REPLY_WINDOW
}
