/**
 * MIA-J core: interfaces, values, features, logistic regression, decoding, evaluation and detector files.
 * Depends on EJML (core and dense double modules only) and the SLF4J API.
 */
// "module": the modules io is exported to are built after this one, so javac cannot find them yet
@SuppressWarnings("module")
module io.github.miaj.core {
    // EJML's jars have no module names of their own: these are the names Java derives from the jar files.
    requires ejml.core;
    requires ejml.ddense;
    requires transitive org.slf4j;

    // Every package is API but io: strict JSON, hashing, atomic writes and strict text reading, shared by the
    // modules of MIA-J only (those on the class path, as mia-cli and mia-spark run, see it as any class path does).
    exports io.github.miaj;
    exports io.github.miaj.attention;
    exports io.github.miaj.data;
    exports io.github.miaj.detect;
    exports io.github.miaj.eval;
    exports io.github.miaj.eval.baseline;
    exports io.github.miaj.feature;
    exports io.github.miaj.gold;
    exports io.github.miaj.learn;
    exports io.github.miaj.model;
    exports io.github.miaj.significance;
    exports io.github.miaj.spi;
    exports io.github.miaj.text;
    exports io.github.miaj.train;
    exports io.github.miaj.io to
            io.github.miaj.onnx,
            io.github.miaj.report;

    uses io.github.miaj.spi.BuiltIns;
}
