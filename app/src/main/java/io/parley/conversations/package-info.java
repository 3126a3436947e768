/**
 * Conversations owns cases and the messages on them: every customer voice becomes a case with a
 * readable number per brand, a status, an assignee and its conversation.
 */
package io.parley.conversations;
