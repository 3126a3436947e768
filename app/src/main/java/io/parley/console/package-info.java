/**
 * Console is the web shell around the modules: layout and navigation, the inbox home page,
 * languages, error pages and API problem details, and request limits.
 */
package io.parley.console;
