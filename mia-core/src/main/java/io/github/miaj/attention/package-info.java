/**
 * What an attention source gives: {@link io.github.miaj.attention.AttentionSource} (a transformer seen as a
 * function from two texts to per-channel attention), {@link io.github.miaj.attention.PairAttention} (easy tier),
 * {@link io.github.miaj.attention.ChannelConsumer} (streamed tier), channel names
 * ({@link io.github.miaj.attention.HeadName}), tokens, {@link io.github.miaj.attention.TextPair} and
 * {@link io.github.miaj.attention.SourceCapability}. Uses only {@code text}.
 */
package io.github.miaj.attention;
