/**
 * Small runnable programs, each showing one use of MIA-J from a user's side.
 */
package io.github.miaj.examples;
