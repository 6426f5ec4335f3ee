package io.github.miaj.onnx.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over an ONNX {@code ModelProto} in protobuf wire format that parses what instrumentation needs
 * (the top-level nodes, inputs, outputs and value infos) and only the header of each initializer: its name,
 * type, dims and where its bytes lie. Weights are skipped, never copied, so scanning a 1.8 GB model touches a
 * few megabytes. Reads from any {@link ByteBuffer}, such as a read-only mapping of the file.
 *
 * <p>Protobuf merges an embedded message field that occurs more than once, so the scan accepts several
 * {@code graph} fields, and {@link #appendOutputs} relies on it: a {@code ModelProto} followed by a second
 * {@code graph} field holding only {@code output} entries parses as the model with those outputs added.
 */
final class ModelScan {
    // ModelProto, GraphProto and TensorProto field numbers (onnx.proto3)
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET = 8;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int TENSOR_DATA_LOCATION = 14;

    /**
     * An initializer's header. {@code rawOffset}/{@code rawLength} locate its {@code raw_data} in the scanned
     * buffer (offset -1 when it has none); {@code external} holds its {@code external_data} entries.
     * {@code start}/{@code end} delimit the whole {@code initializer} field, tag included.
     */
    record Initializer(
            String name,
            int dataType,
            long[] dims,
            long rawOffset,
            long rawLength,
            Map<String, String> external,
            int start,
            int end) {
        boolean isExternal() {
            return !external.isEmpty();
        }
    }

    final List<OnnxMl.NodeProto> nodes = new ArrayList<>();
    final List<OnnxMl.ValueInfoProto> inputs = new ArrayList<>();
    final List<OnnxMl.ValueInfoProto> outputs = new ArrayList<>();
    final List<OnnxMl.ValueInfoProto> valueInfo = new ArrayList<>();
    final List<Initializer> initializers = new ArrayList<>();
    /** [start, end) of every ModelProto field other than graph, in order. */
    final List<int[]> modelFields = new ArrayList<>();
    /** [start, end) of every GraphProto field other than initializer (absolute positions). */
    final List<int[]> graphFields = new ArrayList<>();

    boolean hasOpset;
    boolean hasGraph;

    private ModelScan() {}

    /** Scans the model in {@code buf} (position 0 to limit). */
    static ModelScan of(ByteBuffer buf) throws IOException {
        ModelScan s = new ModelScan();
        CodedInputStream in = CodedInputStream.newInstance(buf.duplicate());
        in.setSizeLimit(Integer.MAX_VALUE);
        while (true) {
            int start = in.getTotalBytesRead();
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                s.hasGraph = true;
                s.graph(in);
                in.popLimit(limit);
            } else {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_OPSET) {
                    s.hasOpset = true;
                }
                in.skipField(tag);
                s.modelFields.add(new int[] {start, in.getTotalBytesRead()});
            }
        }
        return s;
    }

    private void graph(CodedInputStream in) throws IOException {
        ExtensionRegistryLite none = ExtensionRegistryLite.getEmptyRegistry();
        while (!in.isAtEnd()) {
            int start = in.getTotalBytesRead();
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (delimited && field == GRAPH_INITIALIZER) {
                initializer(in, start);
                continue;
            }
            if (delimited && field == GRAPH_NODE) {
                nodes.add(in.readMessage(OnnxMl.NodeProto.parser(), none));
            } else if (delimited && field == GRAPH_INPUT) {
                inputs.add(in.readMessage(OnnxMl.ValueInfoProto.parser(), none));
            } else if (delimited && field == GRAPH_OUTPUT) {
                outputs.add(in.readMessage(OnnxMl.ValueInfoProto.parser(), none));
            } else if (delimited && field == GRAPH_VALUE_INFO) {
                valueInfo.add(in.readMessage(OnnxMl.ValueInfoProto.parser(), none));
            } else {
                in.skipField(tag);
            }
            graphFields.add(new int[] {start, in.getTotalBytesRead()});
        }
    }

    private void initializer(CodedInputStream in, int start) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String name = "";
        int type = 0;
        List<Long> dims = new ArrayList<>();
        long rawOffset = -1;
        long rawLength = 0;
        Map<String, String> external = new LinkedHashMap<>();
        boolean externalLocation = false;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == TENSOR_DIMS && wire == WireFormat.WIRETYPE_VARINT) {
                dims.add(in.readInt64());
            } else if (field == TENSOR_DIMS && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int l = in.pushLimit(in.readRawVarint32());
                while (!in.isAtEnd()) {
                    dims.add(in.readInt64());
                }
                in.popLimit(l);
            } else if (field == TENSOR_DATA_TYPE && wire == WireFormat.WIRETYPE_VARINT) {
                type = in.readInt32();
            } else if (field == TENSOR_NAME && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = in.readStringRequireUtf8();
            } else if (field == TENSOR_RAW_DATA && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                rawLength = in.readRawVarint32() & 0xFFFFFFFFL;
                rawOffset = in.getTotalBytesRead();
                in.skipRawBytes((int) rawLength);
            } else if (field == TENSOR_EXTERNAL_DATA && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                OnnxMl.StringStringEntryProto e = in.readMessage(
                        OnnxMl.StringStringEntryProto.parser(), ExtensionRegistryLite.getEmptyRegistry());
                external.put(e.getKey(), e.getValue());
            } else if (field == TENSOR_DATA_LOCATION && wire == WireFormat.WIRETYPE_VARINT) {
                externalLocation = in.readEnum() == OnnxMl.TensorProto.DataLocation.EXTERNAL_VALUE;
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        initializers.add(new Initializer(
                name,
                type,
                d,
                rawOffset,
                rawLength,
                externalLocation ? external : Map.of(),
                start,
                in.getTotalBytesRead()));
    }

    /** The bytes of a {@code graph} field holding only these outputs, to append to a serialised ModelProto. */
    static byte[] appendOutputs(List<OnnxMl.ValueInfoProto> outputs) {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        try {
            CodedOutputStream g = CodedOutputStream.newInstance(graph);
            for (OnnxMl.ValueInfoProto vi : outputs) {
                g.writeMessage(GRAPH_OUTPUT, vi);
            }
            g.flush();
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            CodedOutputStream m = CodedOutputStream.newInstance(model);
            m.writeByteArray(MODEL_GRAPH, graph.toByteArray());
            m.flush();
            return model.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /**
     * A copy of the scanned model in which each initializer {@code replace} maps to is replaced by that
     * stub (a TensorProto pointing at external data) and {@code extraOutputs} are added to the graph; every
     * other field is copied byte for byte from {@code buf}.
     */
    byte[] rewrite(
            ByteBuffer buf, Map<Initializer, OnnxMl.TensorProto> replace, List<OnnxMl.ValueInfoProto> extraOutputs) {
        try {
            ByteArrayOutputStream graph = new ByteArrayOutputStream();
            for (int[] f : graphFields) {
                copy(buf, f, graph);
            }
            CodedOutputStream g = CodedOutputStream.newInstance(graph);
            for (Initializer init : initializers) {
                OnnxMl.TensorProto stub = replace.get(init);
                if (stub == null) {
                    g.flush();
                    copy(buf, new int[] {init.start(), init.end()}, graph);
                } else {
                    g.writeMessage(GRAPH_INITIALIZER, stub);
                }
            }
            for (OnnxMl.ValueInfoProto vi : extraOutputs) {
                g.writeMessage(GRAPH_OUTPUT, vi);
            }
            g.flush();
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            for (int[] f : modelFields) {
                copy(buf, f, model);
            }
            CodedOutputStream m = CodedOutputStream.newInstance(model);
            m.writeByteArray(MODEL_GRAPH, graph.toByteArray());
            m.flush();
            return model.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    private static void copy(ByteBuffer buf, int[] range, ByteArrayOutputStream to) {
        byte[] b = new byte[range[1] - range[0]];
        buf.duplicate().position(range[0]).get(b);
        to.write(b, 0, b.length);
    }
}
