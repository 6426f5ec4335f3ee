/**
 * The entry point {@link io.github.miaj.Mia} ({@code Mia.detector()}, {@code Mia.trainer()}) and the unchecked
 * {@link io.github.miaj.MiaException} family, the only exceptions the API lets escape; each message names the
 * problem and the fix. The exceptions are below every package; {@code Mia} is above every package of mia-core.
 */
package io.github.miaj;
