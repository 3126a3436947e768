/**
 * Routing decides where a case goes: every brand's cases land in its default queue, and queues that
 * auto-assign hand them to their members in turn (round-robin).
 */
package io.parley.routing;
