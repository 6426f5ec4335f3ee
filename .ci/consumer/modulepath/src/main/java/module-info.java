/** A named module that uses MIA-J: compiles and runs on the module path. */
module consumer {
    requires io.github.miaj.onnx;
    requires io.github.miaj.report;
}
