/**
 * Sentiment of customer posts in English (VADER) and Simplified Chinese (segmentation, a lexicon,
 * negation and degree adverbs); a named interface of the listening module.
 */
@org.springframework.modulith.NamedInterface("sentiment")
package io.parley.listening.sentiment;
