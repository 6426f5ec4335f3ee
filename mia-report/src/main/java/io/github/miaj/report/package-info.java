/**
 * What a person looks at: {@link io.github.miaj.report.HtmlReport} (one self-contained page of reproduced phrases
 * and the heads behind them) and {@link io.github.miaj.report.HeadsPng} (the layers x heads heatmap). Uses the
 * detector contract only.
 */
package io.github.miaj.report;
