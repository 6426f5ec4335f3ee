/**
 * MIA-J on Spark: {@link io.github.miaj.spark.CorpusJob} finds candidate document pairs of a collection
 * ({@link io.github.miaj.spark.Candidates}) and runs the document detector on each
 * ({@link io.github.miaj.spark.SparkDetection}), one detector per executor JVM
 * ({@link io.github.miaj.spark.ExecutorDetectors}, {@link io.github.miaj.spark.DetectorSpec}).
 */
package io.github.miaj.spark;
