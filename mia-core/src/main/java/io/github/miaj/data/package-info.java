/**
 * Training data for the "verbatim" relationship (which words of text B reproduce text A), generated from
 * plain-text books: {@link io.github.miaj.data.GutenbergText} reads and cleans the books,
 * {@link io.github.miaj.data.SentenceSplitter} cuts paragraphs into sentences,
 * {@link io.github.miaj.data.ParagraphSplit} keeps train and dev paragraphs apart,
 * {@link io.github.miaj.data.PairGenerator} builds labelled pairs of each {@link io.github.miaj.data.PairKind},
 * and {@link io.github.miaj.data.CorpusPairs} does all of it for a folder of books.
 */
package io.github.miaj.data;
