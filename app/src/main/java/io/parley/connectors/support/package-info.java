/** Pieces several connectors share (callback signatures, replay guards); no network of its own. */
package io.parley.connectors.support;
