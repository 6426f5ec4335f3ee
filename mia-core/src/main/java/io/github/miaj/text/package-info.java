/**
 * Words, sentences and character spans of a text, as every other package counts them: whitespace words with
 * their character offsets ({@link io.github.miaj.text.Words}) and sentence windows for long documents, each
 * text cut once ({@link io.github.miaj.text.SegmentedText}).
 * Depends on nothing else in MIA-J.
 */
package io.github.miaj.text;
