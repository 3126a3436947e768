/**
 * Pieces several connectors share (callback signatures, replay guards, fetching the files of
 * customers' posts, the connectors' settings); no network of its own.
 */
package io.parley.connectors.support;
