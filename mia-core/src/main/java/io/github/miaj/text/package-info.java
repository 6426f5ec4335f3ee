/**
 * Words, sentences and character spans of a text, as every other package counts them: whitespace words with
 * their character offsets ({@link io.github.miaj.text.Words}) and sentence windows for long documents.
 * Depends on nothing else in MIA-J.
 */
package io.github.miaj.text;
